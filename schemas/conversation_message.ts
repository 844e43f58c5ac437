import { z } from "zod";
import { arr, dateTime, int, links, obj, str } from "./_common.ts";

/** A conversation Message (Conversations v1): `GET https://conversations.twilio.com/v1/Conversations/{ConversationSid}/Messages`. */
export const ConversationMessage = z.object({
  sid: str(),
  account_sid: str(),
  conversation_sid: str(),
  body: str(),
  media: arr(
    z.object({ sid: str(), size: int(), content_type: str(), filename: str() }).loose(),
  ),
  author: str(),
  participant_sid: str(),
  attributes: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  index: int(),
  delivery: obj({
    total: int(),
    sent: str(),
    delivered: str(),
    read: str(),
    failed: str(),
    undelivered: str(),
  }),
  content_sid: str(),
  url: str(),
  links: links("delivery_receipts", "channel_metadata"),
}).loose();

/** A ConversationMessage record. */
export type ConversationMessage = z.infer<typeof ConversationMessage>;
