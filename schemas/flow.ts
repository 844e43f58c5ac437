import { z } from "zod";
import { arr, bool, dateTime, int, links, record, str } from "./_common.ts";

/** A Studio Flow (v1 and v2 fields): `GET https://studio.twilio.com/v{1,2}/Flows`. */
export const Flow = z.object({
  sid: str(),
  account_sid: str(),
  author_sid: str(),
  friendly_name: str(),
  definition: record(),
  status: str(),
  version: int(),
  revision: int(),
  commit_message: str(),
  valid: bool(),
  errors: arr(z.unknown()),
  warnings: arr(z.unknown()),
  webhook_url: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  url: str(),
  links: links("steps", "executions", "engagements", "revisions", "test_users"),
}).loose();

/** A Flow record. */
export type Flow = z.infer<typeof Flow>;
