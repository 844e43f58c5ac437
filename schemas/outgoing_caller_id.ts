import { z } from "zod";
import { dateTime, str } from "./_common.ts";

/** An OutgoingCallerId (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/OutgoingCallerIds.json`. */
export const OutgoingCallerId = z.object({
  sid: str(),
  account_sid: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  friendly_name: str(),
  phone_number: str(),
  uri: str(),
}).loose();

/** An OutgoingCallerId record. */
export type OutgoingCallerId = z.infer<typeof OutgoingCallerId>;
