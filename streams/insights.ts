/**
 * Voice Insights (host `insights`): call summaries, and conference and
 * conference participant summaries, which Twilio keeps after a conference
 * ends (the 2010 Participants list holds live conferences only). Insights is
 * a paid feature ("Advanced Features"): on an account without it Twilio
 * answers 403, and the engine skips the stream for the product with a WARN.
 *
 * Account-scoped product streams, defined as `flows` and `alerts` are: root
 * streams on their product host, one partition for the credentials' account.
 *
 * Voice Insights keeps 30 days of calls and conferences
 * (https://www.twilio.com/docs/voice/voice-insights): older starts are clamped.
 *
 * @module
 */
import * as S from "../schemas/mod.ts";
import { defineStream, PAGE, type StreamDefinition } from "./_define.ts";

/** Days of calls and conferences Voice Insights keeps. */
export const INSIGHTS_RETENTION_DAYS = 30;

const CONFERENCE_SUMMARIES = defineStream({
  name: "conference_summaries",
  product: "insights",
  path: "/v1/Conferences",
  recordKey: "conferences",
  schema: S.ConferenceSummary,
  primaryKey: [["conference_sid"]],
  pageSize: PAGE.max,
  incremental: {
    cursorField: "create_time",
    // "Conferences created after / before the provided timestamp", ISO 8601.
    filter: { lower: "CreatedAfter", upper: "CreatedBefore", format: "iso", upperExclusive: true },
    step: "P7D",
    retentionDays: INSIGHTS_RETENTION_DAYS,
  },
});

/**
 * The Voice Insights streams, in catalog order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { INSIGHTS_STREAMS } from "./insights.ts";
 * assert.deepEqual(INSIGHTS_STREAMS.map((s) => s.name), [
 *   "call_summaries",
 *   "conference_participant_summaries",
 *   "conference_summaries",
 * ]);
 * assert.ok(INSIGHTS_STREAMS.every((s) => s.product === "insights" && s.incremental));
 * ```
 */
export const INSIGHTS_STREAMS: readonly StreamDefinition[] = [
  defineStream({
    name: "call_summaries",
    product: "insights",
    path: "/v1/Voice/Summaries",
    recordKey: "call_summaries",
    schema: S.CallSummary,
    primaryKey: [["call_sid"]],
    pageSize: PAGE.max,
    // Partial summaries too: a summary is `partial` until about 30 minutes after its call ends.
    query: { ProcessingState: "all" },
    incremental: {
      cursorField: "start_time",
      filter: { lower: "StartTime", upper: "EndTime", format: "iso" },
      step: "P1D",
      retentionDays: INSIGHTS_RETENTION_DAYS,
    },
  }),
  defineStream({
    name: "conference_participant_summaries",
    product: "insights",
    path: "/v1/Conferences/{ConferenceSid}/Participants",
    recordKey: "participants",
    schema: S.ConferenceParticipantSummary,
    primaryKey: [["participant_sid"]],
    pageSize: PAGE.max,
    parent: {
      stream: CONFERENCE_SUMMARIES.name,
      params: (c) =>
        typeof c.conference_sid === "string" ? { ConferenceSid: c.conference_sid } : undefined,
    },
    // No date filter: read inside the conference summaries' windows.
    incremental: { cursorField: "join_time", retentionDays: INSIGHTS_RETENTION_DAYS },
  }),
  CONFERENCE_SUMMARIES,
];
