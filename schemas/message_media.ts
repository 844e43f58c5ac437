import { z } from "zod";
import { dateTime, str } from "./_common.ts";

/** A message Media item (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media.json`. */
export const MessageMedia = z.object({
  sid: str(),
  account_sid: str(),
  parent_sid: str(),
  content_type: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  uri: str(),
}).loose();

/** A MessageMedia record. */
export type MessageMedia = z.infer<typeof MessageMedia>;
