import { z } from "zod";
import { dateTime, num, str } from "./_common.ts";

/** A UsageTrigger (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/Usage/Triggers.json`. */
export const UsageTrigger = z.object({
  sid: str(),
  account_sid: str(),
  api_version: str(),
  friendly_name: str(),
  usage_category: str(),
  usage_record_uri: str(),
  trigger_by: str(),
  trigger_value: num(),
  current_value: num(),
  recurring: str(),
  callback_url: str(),
  callback_method: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  date_fired: dateTime(),
  uri: str(),
}).loose();

/** A UsageTrigger record. */
export type UsageTrigger = z.infer<typeof UsageTrigger>;
