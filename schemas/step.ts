import { z } from "zod";
import { dateTime, links, record, str } from "./_common.ts";

/** A Studio execution Step: `GET https://studio.twilio.com/v{1,2}/Flows/{FlowSid}/Executions/{ExecutionSid}/Steps`. */
export const Step = z.object({
  sid: str(),
  account_sid: str(),
  flow_sid: str(),
  execution_sid: str(),
  parent_step_sid: str(),
  name: str(),
  context: record(),
  transitioned_from: str(),
  transitioned_to: str(),
  type: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  url: str(),
  links: links("step_context"),
}).loose();

/** A Step record. */
export type Step = z.infer<typeof Step>;
