import { z } from "zod";
import { dateTime, links, str } from "./_common.ts";

/** A Conversations Service (Conversations v1; the Chat API is retired): `GET https://conversations.twilio.com/v1/Services`. */
export const ConversationService = z.object({
  sid: str(),
  account_sid: str(),
  friendly_name: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  url: str(),
  links: links(
    "conversations",
    "users",
    "roles",
    "bindings",
    "configuration",
    "participant_conversations",
    "conversation_with_participants",
  ),
}).loose();

/** A ConversationService record. */
export type ConversationService = z.infer<typeof ConversationService>;
