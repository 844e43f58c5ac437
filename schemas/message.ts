import { z } from "zod";
import { dateTime, int, links, num, str } from "./_common.ts";

/** A Message (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/Messages.json`. */
export const Message = z.object({
  sid: str(),
  account_sid: str(),
  api_version: str(),
  body: str(),
  date_created: dateTime(),
  date_sent: dateTime(),
  date_updated: dateTime(),
  direction: str(),
  error_code: int(),
  error_message: str(),
  from: str(),
  to: str(),
  messaging_service_sid: str(),
  num_media: int(),
  num_segments: int(),
  price: num(),
  price_unit: str(),
  status: str(),
  uri: str(),
  subresource_uris: links("feedback", "media"),
}).loose();

/** A Message record. */
export type Message = z.infer<typeof Message>;
