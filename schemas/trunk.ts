import { z } from "zod";
import { bool, dateTime, links, obj, str, strList } from "./_common.ts";

/** An Elastic SIP Trunk (Trunking v1): `GET https://trunking.twilio.com/v1/Trunks`. */
export const Trunk = z.object({
  sid: str(),
  account_sid: str(),
  domain_name: str(),
  disaster_recovery_method: str(),
  disaster_recovery_url: str(),
  friendly_name: str(),
  secure: bool(),
  cnam_lookup_enabled: bool(),
  symmetric_rtp_enabled: bool(),
  recording: obj({ mode: str(), trim: str() }),
  transfer_mode: str(),
  transfer_caller_id: str(),
  auth_type: str(),
  auth_type_set: strList(),
  date_created: dateTime(),
  date_updated: dateTime(),
  url: str(),
  links: links("origination_urls", "credential_lists", "ip_access_control_lists", "phone_numbers"),
}).loose();

/** A Trunk record. */
export type Trunk = z.infer<typeof Trunk>;
