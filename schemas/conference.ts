import { z } from "zod";
import { dateTime, links, str } from "./_common.ts";

/** A Conference (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/Conferences.json`. */
export const Conference = z.object({
  account_sid: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  api_version: str(),
  friendly_name: str(),
  region: str(),
  sid: str(),
  status: str(),
  uri: str(),
  reason_conference_ended: str(),
  call_sid_ending_conference: str(),
  subresource_uris: links("participants", "recordings"),
}).loose();

/** A Conference record. */
export type Conference = z.infer<typeof Conference>;
