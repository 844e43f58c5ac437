import { z } from "zod";
import { dateTime, int, links, num, obj, str } from "./_common.ts";

/** A Recording (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/Recordings.json`. */
export const Recording = z.object({
  sid: str(),
  account_sid: str(),
  api_version: str(),
  call_sid: str(),
  conference_sid: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  start_time: dateTime(),
  duration: int(),
  price: num(),
  price_unit: str(),
  status: str(),
  channels: int(),
  source: str(),
  error_code: int(),
  media_url: str(),
  uri: str(),
  encryption_details: obj({
    type: str(),
    encryption_public_key_sid: str(),
    encryption_cek: str(),
    encryption_iv: str(),
    iv: str(),
  }),
  subresource_uris: links("transcriptions", "add_on_results"),
}).loose();

/** A Recording record. */
export type Recording = z.infer<typeof Recording>;
