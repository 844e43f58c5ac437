import { z } from "zod";
import { dateTime, str, strList } from "./_common.ts";

/** A service Role (Conversations v1): `GET https://conversations.twilio.com/v1/Services/{ChatServiceSid}/Roles`. */
export const Role = z.object({
  sid: str(),
  account_sid: str(),
  chat_service_sid: str(),
  /** The Chat API's name for `chat_service_sid`, kept for catalogs built against Chat v2. */
  service_sid: str(),
  friendly_name: str(),
  type: str(),
  permissions: strList(),
  date_created: dateTime(),
  date_updated: dateTime(),
  url: str(),
}).loose();

/** A Role record. */
export type Role = z.infer<typeof Role>;
