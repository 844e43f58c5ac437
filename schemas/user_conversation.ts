import { z } from "zod";
import { dateTime, int, links, record, str } from "./_common.ts";

/** A UserConversation (Conversations v1): `GET https://conversations.twilio.com/v1/Users/{UserSid}/Conversations`. */
export const UserConversation = z.object({
  account_sid: str(),
  chat_service_sid: str(),
  conversation_sid: str(),
  user_sid: str(),
  participant_sid: str(),
  unique_name: str(),
  friendly_name: str(),
  attributes: str(),
  conversation_state: str(),
  notification_level: str(),
  created_by: str(),
  unread_messages_count: int(),
  last_read_message_index: int(),
  date_created: dateTime(),
  date_updated: dateTime(),
  timers: record(),
  url: str(),
  links: links("conversation", "participant"),
}).loose();

/** A UserConversation record. */
export type UserConversation = z.infer<typeof UserConversation>;
