import { z } from "zod";
import { bool, dateTime, links, str } from "./_common.ts";

/** A Conversations User (Conversations v1): `GET https://conversations.twilio.com/v1/Users`. */
export const User = z.object({
  sid: str(),
  account_sid: str(),
  chat_service_sid: str(),
  role_sid: str(),
  identity: str(),
  friendly_name: str(),
  attributes: str(),
  is_online: bool(),
  is_notifiable: bool(),
  date_created: dateTime(),
  date_updated: dateTime(),
  url: str(),
  links: links("user_conversations"),
}).loose();

/** A User record. */
export type User = z.infer<typeof User>;
