import { z } from "zod";
import { dateTime, links, record, str } from "./_common.ts";

/** A Conversation (Conversations v1): `GET https://conversations.twilio.com/v1/Conversations`. */
export const Conversation = z.object({
  sid: str(),
  account_sid: str(),
  chat_service_sid: str(),
  messaging_service_sid: str(),
  friendly_name: str(),
  unique_name: str(),
  attributes: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  state: str(),
  timers: record(),
  bindings: record(),
  url: str(),
  links: links("participants", "messages", "webhooks", "export"),
}).loose();

/** A Conversation record. */
export type Conversation = z.infer<typeof Conversation>;
