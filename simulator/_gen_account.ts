/**
 * Account records and the small per-account 2010-API lists: keys, applications, queues,
 * outgoing caller IDs and usage triggers.
 *
 * @module
 */

import type { Row } from "./_collection.ts";
import { rfc2822 } from "./_dates.ts";
import { type AccountContext, accountPath, friendly, METHODS, sortedTimes } from "./_gen_common.ts";
import { nanpNumber, Rng, sidOf, US_AREA_CODES } from "./_random.ts";

const ACCOUNT_SUBRESOURCES = {
  available_phone_numbers: "AvailablePhoneNumbers",
  calls: "Calls",
  conferences: "Conferences",
  incoming_phone_numbers: "IncomingPhoneNumbers",
  notifications: "Notifications",
  outgoing_caller_ids: "OutgoingCallerIds",
  recordings: "Recordings",
  transcriptions: "Transcriptions",
  addresses: "Addresses",
  signing_keys: "SigningKeys",
  connect_apps: "ConnectApps",
  sip: "SIP",
  authorized_connect_apps: "AuthorizedConnectApps",
  usage: "Usage",
  keys: "Keys",
  applications: "Applications",
  short_codes: "SMS/ShortCodes",
  queues: "Queues",
  messages: "Messages",
  balance: "Balance",
} as const;

/** Status of an account (`Accounts.json` field `status`). */
export type AccountStatus = "active" | "suspended" | "closed";

/** One account record (`auth_token` included: it is a secret the connector must redact). */
export function accountRow(
  sid: string,
  authToken: string,
  owner: string,
  created: number,
  name: string,
  status: AccountStatus = "active",
): Row {
  const base = accountPath(sid);
  const uris: Record<string, string> = {};
  for (const [key, segment] of Object.entries(ACCOUNT_SUBRESOURCES)) {
    uris[key] = `${base}/${segment}.json`;
  }
  return {
    auth_token: authToken,
    date_created: rfc2822(created),
    date_updated: rfc2822(created + 3_600_000),
    friendly_name: name,
    owner_account_sid: owner,
    sid,
    status,
    subresource_uris: uris,
    type: sid === owner ? "Full" : "Trial",
    uri: `${base}.json`,
  };
}

/** API keys of an account; `extra` (the simulator's own key) comes first when given. */
export function keyRows(ctx: AccountContext, extra?: { sid: string; created: number }): Row[] {
  const rng = Rng.of(ctx.seed, ctx.sid, "keys");
  const times = sortedTimes(rng, ctx.counts.keys, ctx.from, ctx.now);
  const rows = times.map((t, k) => ({
    sid: sidOf("SK", ctx.seed, ctx.sid, "key", k),
    friendly_name: `${rng.pick(["ci", "backend", "analytics", "airbyte"])}-key-${k + 1}`,
    date_created: rfc2822(t),
    date_updated: rfc2822(t),
  }));
  if (!extra) return rows;
  const own = { sid: extra.sid, friendly_name: "simulator", date_created: rfc2822(extra.created) };
  return [{ ...own, date_updated: own.date_created }, ...rows];
}

/** Applications of an account. */
export function applicationRows(ctx: AccountContext): Row[] {
  const rng = Rng.of(ctx.seed, ctx.sid, "applications");
  return sortedTimes(rng, ctx.counts.applications, ctx.from, ctx.now).map((t, k) => {
    const sid = sidOf("AP", ctx.seed, ctx.sid, "app", k);
    const host = `https://app${k + 1}.example.com`;
    return {
      account_sid: ctx.sid,
      api_version: "2010-04-01",
      date_created: rfc2822(t),
      date_updated: rfc2822(Math.min(ctx.now, t + rng.int(0, 86_400) * 1000)),
      friendly_name: friendly(rng, k),
      message_status_callback: k % 2 === 0 ? `${host}/status` : null,
      sid,
      sms_fallback_method: "POST",
      sms_fallback_url: null,
      sms_method: rng.pick(METHODS),
      sms_status_callback: null,
      sms_url: `${host}/sms`,
      status_callback: null,
      status_callback_method: "POST",
      uri: `${accountPath(ctx.sid)}/Applications/${sid}.json`,
      voice_caller_id_lookup: rng.chance(0.3),
      voice_fallback_method: "POST",
      voice_fallback_url: null,
      voice_method: rng.pick(METHODS),
      voice_url: `${host}/voice`,
      public_application_connect_enabled: rng.chance(0.5),
      ...(k === 1 ? { tags: null } : {}),
    };
  });
}

/** Queues of an account. */
export function queueRows(ctx: AccountContext): Row[] {
  const rng = Rng.of(ctx.seed, ctx.sid, "queues");
  return sortedTimes(rng, ctx.counts.queues, ctx.from, ctx.now).map((t, k) => {
    const sid = sidOf("QU", ctx.seed, ctx.sid, "queue", k);
    return {
      date_updated: rfc2822(t),
      current_size: rng.int(0, 5),
      friendly_name: friendly(rng, k),
      uri: `${accountPath(ctx.sid)}/Queues/${sid}.json`,
      account_sid: ctx.sid,
      average_wait_time: rng.int(0, 120),
      sid,
      date_created: rfc2822(t),
      max_size: rng.pick([100, 250, 1000]),
    };
  });
}

/** Outgoing caller IDs of an account. */
export function callerIdRows(ctx: AccountContext): Row[] {
  const rng = Rng.of(ctx.seed, ctx.sid, "caller_ids");
  return sortedTimes(rng, ctx.counts.outgoing_caller_ids, ctx.from, ctx.now).map((t, k) => {
    const sid = sidOf("PN", ctx.seed, ctx.sid, "caller", k);
    const number = nanpNumber(rng, US_AREA_CODES);
    return {
      sid,
      date_created: rfc2822(t),
      date_updated: rfc2822(t),
      friendly_name: number.formatted,
      account_sid: ctx.sid,
      phone_number: number.e164,
      uri: `${accountPath(ctx.sid)}/OutgoingCallerIds/${sid}.json`,
    };
  });
}

const TRIGGER_CATEGORIES = ["sms", "calls", "totalprice", "recordings"] as const;

/** Usage triggers of an account. */
export function usageTriggerRows(ctx: AccountContext): Row[] {
  const rng = Rng.of(ctx.seed, ctx.sid, "triggers");
  const base = accountPath(ctx.sid);
  return sortedTimes(rng, ctx.counts.usage_triggers, ctx.from, ctx.now).map((t, k) => {
    const sid = sidOf("UT", ctx.seed, ctx.sid, "trigger", k);
    const category = rng.pick(TRIGGER_CATEGORIES);
    const fired = k % 2 === 1 ? Math.min(ctx.now, t + rng.int(1, 48) * 3_600_000) : undefined;
    return {
      account_sid: ctx.sid,
      api_version: "2010-04-01",
      callback_method: rng.pick(METHODS),
      callback_url: `https://hooks.example.com/usage/${k + 1}`,
      current_value: String(rng.int(0, 400)),
      date_created: rfc2822(t),
      date_fired: fired === undefined ? null : rfc2822(fired),
      date_updated: rfc2822(fired ?? t),
      friendly_name: `${category} trigger ${k + 1}`,
      recurring: rng.pick(["daily", "monthly", "yearly", "alltime"]),
      sid,
      trigger_by: category === "totalprice" ? "price" : "count",
      trigger_value: String(rng.pick([50, 100, 500, 1000])),
      uri: `${base}/Usage/Triggers/${sid}.json`,
      usage_category: category,
      usage_record_uri: `${base}/Usage/Records.json?Category=${category}`,
    };
  });
}
