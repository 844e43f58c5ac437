import { z } from "zod";
import { dateTime, str } from "./_common.ts";

/** An API Key (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/Keys.json`. */
export const Key = z.object({
  sid: str(),
  friendly_name: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
}).loose();

/** A Key record. */
export type Key = z.infer<typeof Key>;
