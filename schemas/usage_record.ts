import { z } from "zod";
import { date, dateTime, int, links, num, str } from "./_common.ts";

/** A UsageRecord (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/Usage/Records[/Daily].json`. */
export const UsageRecord = z.object({
  account_sid: str(),
  api_version: str(),
  category: str(),
  description: str(),
  count: int(),
  count_unit: str(),
  usage: num(),
  usage_unit: str(),
  price: num(),
  price_unit: str(),
  /** The first day counted, `YYYY-MM-DD` as Twilio sends it. */
  start_date: date(),
  /** The last day counted, `YYYY-MM-DD` as Twilio sends it. */
  end_date: date(),
  as_of: dateTime(),
  uri: str(),
  subresource_uris: links(
    "yesterday",
    "all_time",
    "today",
    "yearly",
    "this_month",
    "monthly",
    "daily",
    "last_month",
  ),
}).loose();

/** A UsageRecord record. */
export type UsageRecord = z.infer<typeof UsageRecord>;
