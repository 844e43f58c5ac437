import { z } from "zod";
import { dateTime, int, links, str } from "./_common.ts";

/** A Queue (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/Queues.json`. */
export const Queue = z.object({
  sid: str(),
  account_sid: str(),
  average_wait_time: int(),
  current_size: int(),
  max_size: int(),
  date_created: dateTime(),
  date_updated: dateTime(),
  friendly_name: str(),
  uri: str(),
  subresource_uris: links("members"),
}).loose();

/** A Queue record. */
export type Queue = z.infer<typeof Queue>;
