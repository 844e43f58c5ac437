/**
 * Conferences (the newest three live, with 3, 0 and 1 participants), recordings and
 * transcriptions of one account.
 *
 * @module
 */

import type { Row } from "./_collection.ts";
import { HOUR_MS, MINUTE_MS, rfc2822, SECOND_MS } from "./_dates.ts";
import { type AccountContext, accountPath, friendly, sortedTimes } from "./_gen_common.ts";
import { Rng, sidOf } from "./_random.ts";

const LIVE = [
  { status: "in-progress", participants: 3 },
  { status: "init", participants: 0 },
  { status: "in-progress", participants: 1 },
] as const;
const ENDED = [
  "last-participant-left",
  "conference-ended-via-api",
  "participant-with-end-conference-on-exit-left",
] as const;
const REGIONS = ["us1", "ie1", "de1", "au1", "jp1", "sg1", "br1"] as const;

/** Conferences and their participants (by conference SID). */
export interface Conferences {
  readonly conferences: Row[];
  readonly participants: Map<string, Row[]>;
}

/** Builds the conferences of one account. */
export function conferenceResources(ctx: AccountContext): Conferences {
  const rng = Rng.of(ctx.seed, ctx.sid, "conferences");
  const total = ctx.counts.conferences;
  const live = Math.min(LIVE.length, total);
  const times = [
    ...sortedTimes(rng, total - live, ctx.from, Math.max(ctx.from, ctx.now - 2 * HOUR_MS)),
    ...sortedTimes(rng, live, Math.max(ctx.from, ctx.now - 30 * MINUTE_MS), ctx.now - MINUTE_MS),
  ];
  const base = accountPath(ctx.sid);
  const participants = new Map<string, Row[]>();
  const conferences = times.map((t, k) => {
    const shape = k >= total - live ? LIVE[k - (total - live)] : undefined;
    const sid = sidOf("CF", ctx.seed, ctx.sid, "conference", k);
    const uri = `${base}/Conferences/${sid}`;
    const reason = shape ? null : rng.pick(ENDED);
    const people = Array.from({ length: shape?.participants ?? 0 }, (_, j) => {
      const callSid = sidOf("CA", ctx.seed, sid, "participant", j);
      const joined = rfc2822(Math.min(ctx.now, t + j * SECOND_MS));
      return {
        account_sid: ctx.sid,
        call_sid: callSid,
        label: j === 0 ? "host" : null,
        call_sid_to_coach: null,
        coaching: false,
        conference_sid: sid,
        date_created: joined,
        date_updated: joined,
        end_conference_on_exit: j === 0,
        muted: j === 2,
        hold: false,
        start_conference_on_enter: true,
        status: "connected",
        queue_time: "0",
        uri: `${uri}/Participants/${callSid}.json`,
      };
    });
    participants.set(sid, people);
    const ended = shape ? t : Math.min(ctx.now, t + rng.int(60, 3600) * SECOND_MS);
    return {
      account_sid: ctx.sid,
      date_created: rfc2822(t),
      date_updated: rfc2822(ended),
      api_version: "2010-04-01",
      friendly_name: `${friendly(rng, k)} bridge`,
      region: rng.pick(REGIONS),
      sid,
      status: shape?.status ?? "completed",
      uri: `${uri}.json`,
      subresource_uris: {
        participants: `${uri}/Participants.json`,
        recordings: `${uri}/Recordings.json`,
      },
      reason_conference_ended: reason,
      call_sid_ending_conference: reason?.startsWith("participant")
        ? sidOf("CA", ctx.seed, sid, "ender")
        : null,
    };
  });
  return { conferences, participants };
}

const SOURCES = [
  "DialVerb",
  "RecordVerb",
  "OutboundAPI",
  "Conference",
  "StartCallRecordingAPI",
] as const;

/** Recordings of one account; `callSid(k)` names a call of the same account. */
export function recordingRows(ctx: AccountContext, callSid: (k: number) => string | null): Row[] {
  const rng = Rng.of(ctx.seed, ctx.sid, "recordings");
  const base = accountPath(ctx.sid);
  return sortedTimes(rng, ctx.counts.recordings, ctx.from, ctx.now).map((t, k) => {
    const sid = sidOf("RE", ctx.seed, ctx.sid, "recording", k);
    const source = rng.pick(SOURCES);
    const seconds = rng.int(3, 600);
    return {
      account_sid: ctx.sid,
      api_version: "2010-04-01",
      call_sid: callSid(k),
      conference_sid: source === "Conference"
        ? sidOf("CF", ctx.seed, ctx.sid, "conference", k)
        : null,
      date_created: rfc2822(t),
      date_updated: rfc2822(t),
      start_time: rfc2822(t - seconds * SECOND_MS),
      duration: String(seconds),
      sid,
      price: (-0.0025 * Math.ceil(seconds / 60)).toFixed(5),
      price_unit: "USD",
      status: "completed",
      channels: rng.pick([1, 2]),
      source,
      error_code: null,
      uri: `${base}/Recordings/${sid}.json`,
      encryption_details: null,
      subresource_uris: {
        add_on_results: `${base}/Recordings/${sid}/AddOnResults.json`,
        transcriptions: `${base}/Recordings/${sid}/Transcriptions.json`,
      },
      media_url: `https://api.twilio.com${base}/Recordings/${sid}`,
      ...(k === 2 ? { tags: null } : {}),
    };
  });
}

/** Transcriptions of one account, each of one of its recordings. */
export function transcriptionRows(ctx: AccountContext, recordings: readonly Row[]): Row[] {
  const rng = Rng.of(ctx.seed, ctx.sid, "transcriptions");
  return sortedTimes(rng, ctx.counts.transcriptions, ctx.from, ctx.now).map((t, k) => {
    const sid = sidOf("TR", ctx.seed, ctx.sid, "transcription", k);
    const recording = recordings[k % Math.max(1, recordings.length)];
    const status = k % 4 === 3 ? "failed" : "completed";
    return {
      account_sid: ctx.sid,
      api_version: "2010-04-01",
      date_created: rfc2822(t),
      date_updated: rfc2822(t),
      duration: String(rng.int(3, 120)),
      price: status === "completed" ? "-0.05000" : "0.00000",
      price_unit: "USD",
      recording_sid: recording?.sid ?? sidOf("RE", ctx.seed, ctx.sid, "orphan", k),
      sid,
      status,
      transcription_text: status === "completed" ? "Hi, please call me back when you can." : null,
      type: "fast",
      uri: `${accountPath(ctx.sid)}/Transcriptions/${sid}.json`,
    };
  });
}
