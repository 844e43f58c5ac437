import { z } from "zod";
import { bool, dateTime, str } from "./_common.ts";

/** An Application (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/Applications.json`. */
export const Application = z.object({
  account_sid: str(),
  api_version: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  friendly_name: str(),
  message_status_callback: str(),
  public_application_connect_enabled: bool(),
  sid: str(),
  sms_fallback_method: str(),
  sms_fallback_url: str(),
  sms_method: str(),
  sms_status_callback: str(),
  sms_url: str(),
  status_callback: str(),
  status_callback_method: str(),
  uri: str(),
  voice_caller_id_lookup: bool(),
  voice_fallback_method: str(),
  voice_fallback_url: str(),
  voice_method: str(),
  voice_url: str(),
}).loose();

/** An Application record. */
export type Application = z.infer<typeof Application>;
