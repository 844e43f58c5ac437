import { z } from "zod";
import { bool, capabilities, dateTime, links, str } from "./_common.ts";

/** An IncomingPhoneNumber (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json`. */
export const IncomingPhoneNumber = z.object({
  sid: str(),
  account_sid: str(),
  friendly_name: str(),
  phone_number: str(),
  voice_url: str(),
  voice_method: str(),
  voice_fallback_url: str(),
  voice_fallback_method: str(),
  voice_caller_id_lookup: bool(),
  date_created: dateTime(),
  date_updated: dateTime(),
  sms_url: str(),
  sms_method: str(),
  sms_fallback_url: str(),
  sms_fallback_method: str(),
  address_requirements: str(),
  beta: bool(),
  capabilities: capabilities(),
  voice_receive_mode: str(),
  status_callback: str(),
  status_callback_method: str(),
  api_version: str(),
  voice_application_sid: str(),
  sms_application_sid: str(),
  origin: str(),
  trunk_sid: str(),
  emergency_status: str(),
  emergency_address_sid: str(),
  emergency_address_status: str(),
  address_sid: str(),
  identity_sid: str(),
  bundle_sid: str(),
  uri: str(),
  status: str(),
  type: str(),
  subresource_uris: links("assigned_add_ons"),
}).loose();

/** An IncomingPhoneNumber record. */
export type IncomingPhoneNumber = z.infer<typeof IncomingPhoneNumber>;
