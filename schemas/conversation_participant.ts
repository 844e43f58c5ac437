import { z } from "zod";
import { dateTime, int, obj, str } from "./_common.ts";

/** A conversation Participant (Conversations v1): `GET https://conversations.twilio.com/v1/Conversations/{ConversationSid}/Participants`. */
export const ConversationParticipant = z.object({
  account_sid: str(),
  conversation_sid: str(),
  sid: str(),
  identity: str(),
  attributes: str(),
  messaging_binding: obj({
    type: str(),
    address: str(),
    proxy_address: str(),
  }),
  role_sid: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  url: str(),
  last_read_message_index: int(),
  last_read_timestamp: dateTime(),
}).loose();

/** A ConversationParticipant record. */
export type ConversationParticipant = z.infer<typeof ConversationParticipant>;
