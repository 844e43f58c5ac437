import { z } from "zod";
import { dateTime, int, record, str, strList } from "./_common.ts";

/**
 * A Call Summary (Voice Insights v1): `GET https://insights.twilio.com/v1/Voice/Summaries`.
 * The nested objects (the parties, each edge's metrics, `trust`) are kept as Twilio sends them.
 */
export const CallSummary = z.object({
  account_sid: str(),
  call_sid: str(),
  answered_by: str(),
  call_type: str(),
  call_state: str(),
  processing_state: str(),
  created_time: dateTime(),
  start_time: dateTime(),
  end_time: dateTime(),
  duration: int(),
  connect_duration: int(),
  from: record(),
  to: record(),
  carrier_edge: record(),
  client_edge: record(),
  sdk_edge: record(),
  sip_edge: record(),
  tags: strList(),
  url: str(),
  attributes: record(),
  properties: record(),
  trust: record(),
  annotation: record(),
}).loose();

/** A CallSummary record. */
export type CallSummary = z.infer<typeof CallSummary>;
