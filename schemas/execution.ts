import { z } from "zod";
import { dateTime, int, links, record, str } from "./_common.ts";

/** A Studio Execution (v1 and v2 fields): `GET https://studio.twilio.com/v{1,2}/Flows/{FlowSid}/Executions`. */
export const Execution = z.object({
  sid: str(),
  account_sid: str(),
  flow_sid: str(),
  flow_version: int(),
  contact_sid: str(),
  contact_channel_address: str(),
  status: str(),
  context: record(),
  initiated_by: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  url: str(),
  links: links("execution_context", "steps"),
}).loose();

/** An Execution record. */
export type Execution = z.infer<typeof Execution>;
