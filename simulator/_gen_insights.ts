/**
 * Voice Insights of the main account: a call summary for each of its calls (lazy, tied to the
 * call store, so a mutation that ends a call changes its summary too), and a conference summary
 * with participant summaries for each of its conferences, live or finished. ISO 8601 dates.
 *
 * @module
 */

import { type Collection, type Row, rowsOf } from "./_collection.ts";
import { childCount } from "./_counts.ts";
import { iso, MINUTE_MS, SECOND_MS } from "./_dates.ts";
import type { CallStore } from "./_gen_calls.ts";
import { nanpNumber, Rng, sidOf, US_AREA_CODES } from "./_random.ts";

const HOST = "https://insights.twilio.com/v1";
/** A summary is `partial` until this long after its call or conference ends. */
const SETTLING_MS = 30 * MINUTE_MS;
const CALL_STATES: Readonly<Record<string, string>> = {
  completed: "completed",
  busy: "busy",
  "no-answer": "noanswer",
  failed: "fail",
  canceled: "canceled",
  "in-progress": "answered",
  ringing: "ringing",
};
const CONFERENCE_STATES: Readonly<Record<string, string>> = {
  completed: "completed",
  "in-progress": "in_progress",
  init: "not_started",
};
/** Participants of finished conferences (live ones have the 2010 API's participants). */
const FINISHED_PARTICIPANTS = [2, 3, 1] as const;

function ms(value: unknown): number | null {
  return typeof value === "string" ? Date.parse(value) : null;
}

function jitter(rng: Rng) {
  return { max: Number((rng.next() * 5).toFixed(5)), avg: Number((rng.next() * 2).toFixed(5)) };
}

function edge(rng: Rng) {
  const packets = rng.int(100, 5000);
  return {
    properties: { media_region: "us1", signaling_region: "us1", direction: "both" },
    metrics: {
      inbound: {
        codec_name: "pcmu",
        packets_received: packets,
        packets_lost: 0,
        jitter: jitter(rng),
      },
      outbound: {
        codec_name: "pcmu",
        packets_sent: packets + 9,
        packets_lost: 0,
        jitter: jitter(rng),
      },
    },
  };
}

/** The summary of one call (a 2010 call record as the call store serves it). */
function callSummary(call: Row, now: number): Row {
  const rng = Rng.of("insights", String(call.sid));
  const created = ms(call.date_created) ?? 0;
  const start = ms(call.start_time);
  const end = ms(call.end_time);
  const settled = end !== null && now - end >= SETTLING_MS;
  const party = (number: unknown, role: "caller" | "callee") => ({
    [role]: number,
    carrier: rng.pick(["AT&T Wireless", "T-Mobile USA, Inc.", "Verizon Wireless"]),
    connection: rng.pick(["mobile", "landline"]),
    number_prefix: String(number).slice(1, 5),
    country_code: "US",
  });
  return {
    account_sid: call.account_sid,
    call_sid: call.sid,
    answered_by: call.answered_by ?? "unknown",
    call_type: "carrier",
    call_state: CALL_STATES[String(call.status)] ?? "completed",
    processing_state: settled ? "complete" : "partial",
    created_time: iso(created),
    start_time: start === null ? null : iso(start),
    end_time: end === null ? null : iso(end),
    duration: end === null ? null : Math.round((end - created) / SECOND_MS),
    connect_duration: end === null || start === null ? null : Math.round((end - start) / SECOND_MS),
    from: party(call.from, "caller"),
    to: party(call.to, "callee"),
    carrier_edge: edge(rng),
    client_edge: null,
    sdk_edge: null,
    sip_edge: null,
    tags: rng.chance(0.2) ? ["high_jitter"] : null,
    url: `${HOST}/Voice/Summaries`,
    attributes: { conference_participant: false },
    properties: {
      direction: call.direction === "inbound" ? "inbound" : "outbound_api",
      disconnected_by: rng.pick(["caller", "callee"]),
      last_sip_response_num: call.status === "completed" ? 200 : 486,
      pdd_ms: rng.int(80, 900),
    },
    trust: { verified_caller: { verified: rng.chance(0.5) } },
    annotation: null,
  };
}

/** The call summaries of an account's calls: index `i` summarises call `i`, by `start_time`. */
export function callSummaries(calls: CallStore, now: () => number): Collection {
  return {
    get count() {
      return calls.count;
    },
    at: (i) => callSummary(calls.at(i), now()),
    sortKey: calls.sortKey,
    lag: (field) => field === "start_time" ? [0, 0] : undefined,
  };
}

/** Conference summaries (ascending `create_time`) and their participants by conference SID. */
export interface ConferenceInsights {
  readonly conferences: Row[];
  readonly participants: ReadonlyMap<string, Row[]>;
}

/** Summarises an account's conferences (2010 records) and their 2010 participants. */
export function conferenceInsights(
  seed: number,
  conferences: Collection,
  live: ReadonlyMap<string, Collection>,
  now: number,
): ConferenceInsights {
  const participants = new Map<string, Row[]>();
  const summaries = [...rowsOf(conferences)].map((c) => {
    const sid = String(c.sid);
    const rng = Rng.of(seed, sid, "insights");
    const created = ms(c.date_created) ?? 0;
    const finished = c.status === "completed";
    const end = finished ? ms(c.date_updated) ?? created : null;
    const people = live.get(sid)?.count ||
      (finished ? childCount(rng.int(0, 2), FINISHED_PARTICIPANTS) : 0);
    const start = people > 1 ? Math.min(end ?? now, created + SECOND_MS) : null;
    const state = finished && end !== null && now - end >= SETTLING_MS ? "complete" : "in_progress";
    const url = `${HOST}/Conferences/${sid}`;
    const callSids = Array.from(
      { length: people },
      (_, j) => sidOf("CA", seed, sid, "participant", j),
    );
    participants.set(
      sid,
      callSids.map((callSid, j) => {
        const joined = Math.min(end ?? now, created + j * SECOND_MS);
        const left = end === null ? null : Math.max(joined, end - j * SECOND_MS);
        const party = nanpNumber(rng, US_AREA_CODES);
        const psid = sidOf("CP", seed, sid, "participant", j);
        return {
          participant_sid: psid,
          label: j === 0 ? "host" : null,
          conference_sid: sid,
          call_sid: callSid,
          account_sid: c.account_sid,
          call_direction: j === 0 ? "inbound" : "outbound",
          from: j === 0 ? party.e164 : "+14155550100",
          to: j === 0 ? "+14155550100" : party.e164,
          call_status: finished ? "completed" : "answered",
          country_code: "US",
          is_moderator: j === 0,
          join_time: iso(joined),
          leave_time: left === null ? null : iso(left),
          duration_seconds: left === null ? null : Math.round((left - joined) / SECOND_MS),
          outbound_queue_length: 0,
          outbound_time_in_queue: j === 0 ? 0 : rng.int(100, 4000),
          jitter_buffer_size: null,
          is_coach: false,
          coached_participants: null,
          participant_region: c.region,
          conference_region: c.region,
          call_type: "carrier",
          processing_state: state,
          properties: {
            start_conference_on_enter: true,
            end_conference_on_exit: j === 0,
            enter_muted: false,
            beep_on_enter: false,
          },
          events: j === 2 ? { mute: [joined + SECOND_MS] } : null,
          metrics: state === "complete" ? { inbound: { mos: 4.4, jitter: jitter(rng) } } : null,
          url: `${url}/Participants/${psid}`,
        };
      }),
    );
    const reason = c.reason_conference_ended;
    return {
      conference_sid: sid,
      account_sid: c.account_sid,
      friendly_name: c.friendly_name,
      create_time: iso(created),
      start_time: start === null ? null : iso(start),
      end_time: end === null ? null : iso(end),
      duration_seconds: end === null ? null : Math.round((end - created) / SECOND_MS),
      connect_duration_seconds: end === null || start === null
        ? null
        : Math.round((end - start) / SECOND_MS),
      status: CONFERENCE_STATES[String(c.status)] ?? "completed",
      max_participants: 250,
      max_concurrent_participants: people,
      unique_participants: people,
      end_reason: typeof reason === "string" ? reason.replaceAll("-", "_") : null,
      ended_by: finished ? c.call_sid_ending_conference ?? callSids[0] ?? null : null,
      mixer_region: c.region,
      mixer_region_requested: null,
      recording_enabled: rng.chance(0.3),
      detected_issues: {
        call_quality: rng.int(0, 1),
        region_configuration: 0,
        participant_behavior: 0,
      },
      tags: people < 2 ? ["no_concurrent_participants"] : null,
      tag_info: null,
      processing_state: state,
      url,
      links: { conference_participants: `${url}/Participants` },
    };
  });
  return { conferences: summaries, participants };
}
