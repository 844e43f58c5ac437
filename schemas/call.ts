import { z } from "zod";
import { dateTime, int, links, num, str } from "./_common.ts";

/** A Call (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/Calls.json`. */
export const Call = z.object({
  sid: str(),
  account_sid: str(),
  parent_call_sid: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  to: str(),
  to_formatted: str(),
  from: str(),
  from_formatted: str(),
  phone_number_sid: str(),
  status: str(),
  start_time: dateTime(),
  end_time: dateTime(),
  duration: int(),
  price: num(),
  price_unit: str(),
  direction: str(),
  answered_by: str(),
  annotation: str(),
  api_version: str(),
  forwarded_from: str(),
  group_sid: str(),
  caller_name: str(),
  queue_time: int(),
  trunk_sid: str(),
  uri: str(),
  subresource_uris: links(
    "recordings",
    "notifications",
    "feedback",
    "payments",
    "siprec",
    "events",
    "feedback_summaries",
    "streams",
    "transcriptions",
    "user_defined_message_subscriptions",
    "user_defined_messages",
  ),
}).loose();

/** A Call record. */
export type Call = z.infer<typeof Call>;
