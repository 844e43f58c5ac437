/**
 * Monitor alerts (lazy, over the last 20 days), SIP trunks and Verify services of one account.
 *
 * @module
 */

import type { Collection, Row } from "./_collection.ts";
import { DAY_MS, iso, SECOND_MS } from "./_dates.ts";
import { friendly, type GlobalContext, METHODS, sortedTimes } from "./_gen_common.ts";
import { hash32, indexedSid, indexOfSid, Rng, sidOf } from "./_random.ts";
import { Timeline } from "./_timeline.ts";

const ERRORS = [
  { code: "11200", level: "error", text: "HTTP retrieval failure" },
  { code: "30003", level: "warning", text: "Unreachable destination handset" },
  { code: "12300", level: "error", text: "Invalid Content-Type" },
  { code: "82002", level: "warning", text: "Error on Twilio Function response" },
] as const;

/**
 * Alerts of one account over the last 20 days (not before `ctx.from`), `date_generated`
 * ascending in the index.
 */
export function alertCollection(ctx: GlobalContext): Collection {
  const salt = hash32(ctx.seed, "alerts");
  const timeline = new Timeline({
    salt,
    count: ctx.counts.alerts,
    from: Math.max(ctx.from, ctx.now - 20 * DAY_MS),
    to: ctx.now,
    recent: 0,
  });
  const at = (i: number): Row => {
    const rng = Rng.of(salt, "alert", i);
    const t = timeline.time(i);
    const error = rng.pick(ERRORS);
    const sid = indexedSid("NO", salt, i);
    const resource = error.code === "30003" ? sidOf("SM", salt, i) : sidOf("CA", salt, i);
    const url = `https://hooks.example.com/twilio/${rng.pick(["voice", "sms", "status"])}`;
    return {
      account_sid: ctx.accountSid,
      alert_text: `Msg=${encodeURIComponent(error.text)}&url=${
        encodeURIComponent(url)
      }&LogLevel=ERROR`,
      api_version: "2010-04-01",
      date_created: iso(t + SECOND_MS),
      date_generated: iso(t),
      date_updated: iso(t + SECOND_MS),
      error_code: error.code,
      log_level: error.level,
      more_info: `https://www.twilio.com/docs/errors/${error.code}`,
      request_method: rng.pick(METHODS),
      request_url: url,
      resource_sid: resource,
      sid,
      url: `https://monitor.twilio.com/v1/Alerts/${sid}`,
      service_sid: null,
      ...(i % 13 === 3 ? { tags: null } : {}),
    };
  };
  return {
    get count() {
      return timeline.count;
    },
    at,
    sortKey: (i) => timeline.time(i),
    lag: (field) =>
      field === "date_generated"
        ? [0, 0]
        : field === "date_created"
        ? [SECOND_MS, SECOND_MS]
        : undefined,
    find: (sid) => {
      const i = indexOfSid(sid, ["NO"], salt);
      return i === undefined || i >= timeline.count ? undefined : at(i);
    },
  };
}

/** SIP trunks. */
export function trunkRows(ctx: GlobalContext): Row[] {
  const rng = Rng.of(ctx.seed, "trunks");
  return sortedTimes(rng, ctx.counts.trunks, ctx.from, ctx.now).map((t, k) => {
    const sid = sidOf("TK", ctx.seed, "trunk", k);
    const url = `https://trunking.twilio.com/v1/Trunks/${sid}`;
    return {
      account_sid: ctx.accountSid,
      domain_name: `trunk-${k + 1}-${sid.slice(-6)}.pstn.twilio.com`,
      disaster_recovery_method: rng.pick(METHODS),
      disaster_recovery_url: k % 2 === 0 ? `https://dr.example.com/${k + 1}` : null,
      friendly_name: `${friendly(rng, k)} trunk`,
      secure: rng.chance(0.5),
      recording: { mode: rng.pick(["do-not-record", "record-from-answer"]), trim: "do-not-trim" },
      transfer_mode: rng.pick(["disable-all", "enable-all", "sip-only"]),
      transfer_caller_id: rng.pick(["from-transferee", "from-transferor"]),
      cnam_lookup_enabled: rng.chance(0.3),
      auth_type: k % 2 === 0 ? "" : "CREDENTIAL_LIST",
      symmetric_rtp_enabled: false,
      auth_type_set: k % 2 === 0 ? [] : ["CREDENTIAL_LIST"],
      date_created: iso(t),
      date_updated: iso(t),
      sid,
      url,
      links: {
        origination_urls: `${url}/OriginationUrls`,
        credential_lists: `${url}/CredentialLists`,
        ip_access_control_lists: `${url}/IpAccessControlLists`,
        phone_numbers: `${url}/PhoneNumbers`,
      },
    };
  });
}

const VERIFY_LINKS = {
  verification_checks: "VerificationCheck",
  verifications: "Verifications",
  rate_limits: "RateLimits",
  messaging_configurations: "MessagingConfigurations",
  entities: "Entities",
  webhooks: "Webhooks",
  access_tokens: "AccessTokens",
} as const;

/** Verify services. */
export function verifyServiceRows(ctx: GlobalContext): Row[] {
  const rng = Rng.of(ctx.seed, "verify");
  return sortedTimes(rng, ctx.counts.verify_services, ctx.from, ctx.now).map((t, k) => {
    const sid = sidOf("VA", ctx.seed, "verify", k);
    const url = `https://verify.twilio.com/v2/Services/${sid}`;
    const links: Record<string, string> = {};
    for (const [key, segment] of Object.entries(VERIFY_LINKS)) links[key] = `${url}/${segment}`;
    return {
      sid,
      account_sid: ctx.accountSid,
      friendly_name: `${friendly(rng, k)} verify`,
      code_length: rng.pick([4, 6, 8]),
      lookup_enabled: rng.chance(0.5),
      psd2_enabled: false,
      skip_sms_to_landlines: rng.chance(0.3),
      dtmf_input_required: rng.chance(0.5),
      tts_name: null,
      do_not_share_warning_enabled: false,
      custom_code_enabled: k % 2 === 1,
      push: { include_date: false, apn_credential_sid: null, fcm_credential_sid: null },
      totp: { issuer: null, time_step: 30, code_length: 6, skew: 1 },
      default_template_sid: null,
      whatsapp: { msg_service_sid: null, from: null },
      passkeys: null,
      verify_event_subscription_enabled: false,
      date_created: iso(t),
      date_updated: iso(t),
      url,
      links,
    };
  });
}
