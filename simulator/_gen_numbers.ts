/**
 * Phone-number resources of an account: addresses, incoming numbers and the numbers that depend
 * on each address.
 *
 * @module
 */

import type { Row } from "./_collection.ts";
import { childCount } from "./_counts.ts";
import { rfc2822 } from "./_dates.ts";
import { type AccountContext, accountPath, sortedTimes } from "./_gen_common.ts";
import { nanpNumber, Rng, sidOf, US_AREA_CODES } from "./_random.ts";

/** Dependent numbers of the k-th address cycle through these sizes. */
const DEPENDENTS = [0, 1, 4] as const;

const STREETS = [
  { street: "4th Street", city: "San Francisco", region: "CA", postal: "94107", country: "US" },
  { street: "Main Street", city: "Springfield", region: "IL", postal: "62701", country: "US" },
  { street: "King Street W", city: "Toronto", region: "ON", postal: "M5H 1A1", country: "CA" },
  { street: "Baker Street", city: "London", region: "London", postal: "NW1 6XE", country: "GB" },
] as const;

/** Addresses, incoming numbers and dependent numbers (by address SID) of one account. */
export interface NumberResources {
  readonly addresses: Row[];
  readonly incoming: Row[];
  readonly dependents: Map<string, Row[]>;
}

/** Builds the phone-number resources of one account. */
export function numberResources(ctx: AccountContext): NumberResources {
  const base = accountPath(ctx.sid);
  const rng = Rng.of(ctx.seed, ctx.sid, "numbers");
  const addressCount = Math.max(0, ctx.counts.addresses - 2 * ctx.index);
  const addresses = sortedTimes(rng, addressCount, ctx.from, ctx.now).map((t, k) => {
    const sid = sidOf("AD", ctx.seed, ctx.sid, "address", k);
    const place = rng.pick(STREETS);
    return {
      account_sid: ctx.sid,
      city: place.city,
      customer_name: rng.pick(["Acme Corp", "Globex", "Initech", "Umbrella Ltd"]),
      date_created: rfc2822(t),
      date_updated: rfc2822(t),
      friendly_name: k === 0 ? "Main Office" : `Office ${k + 1}`,
      iso_country: place.country,
      postal_code: place.postal,
      region: place.region,
      sid,
      street: `${rng.int(1, 999)} ${place.street}`,
      uri: `${base}/Addresses/${sid}.json`,
      emergency_enabled: rng.chance(0.5),
      validated: rng.chance(0.7),
      verified: rng.chance(0.5),
      street_secondary: k % 2 === 1 ? `Suite ${rng.int(100, 900)}` : null,
    };
  });
  const owners: (string | null)[] = [];
  addresses.forEach((address, k) => {
    for (let j = 0; j < childCount(k, DEPENDENTS); j++) owners.push(address.sid);
  });
  const incoming = sortedTimes(rng, ctx.counts.incoming_phone_numbers, ctx.from, ctx.now).map(
    (t, k) => incomingRow(ctx, k, t, owners[k] ?? null),
  );
  const dependents = new Map<string, Row[]>(addresses.map((a) => [a.sid, []]));
  for (const number of incoming) {
    const owner = number.address_sid;
    if (typeof owner === "string") dependents.get(owner)?.push(dependentRow(number));
  }
  return { addresses, incoming, dependents };
}

function incomingRow(ctx: AccountContext, k: number, t: number, addressSid: string | null): Row {
  const rng = Rng.of(ctx.seed, ctx.sid, "incoming", k);
  const sid = sidOf("PN", ctx.seed, ctx.sid, "incoming", k);
  const tollFree = k % 5 === 4;
  const number = nanpNumber(rng, tollFree ? ["800", "833", "888"] : US_AREA_CODES);
  const host = `https://numbers.example.com/${k + 1}`;
  return {
    account_sid: ctx.sid,
    address_sid: addressSid,
    address_requirements: addressSid ? "any" : "none",
    api_version: "2010-04-01",
    beta: false,
    capabilities: { voice: true, sms: true, mms: !tollFree, fax: false },
    date_created: rfc2822(t),
    date_updated: rfc2822(t),
    friendly_name: number.formatted,
    identity_sid: null,
    phone_number: number.e164,
    origin: "twilio",
    sid,
    sms_application_sid: null,
    sms_fallback_method: "POST",
    sms_fallback_url: "",
    sms_method: "POST",
    sms_url: `${host}/sms`,
    status_callback: "",
    status_callback_method: "POST",
    trunk_sid: null,
    uri: `${accountPath(ctx.sid)}/IncomingPhoneNumbers/${sid}.json`,
    voice_receive_mode: "voice",
    voice_application_sid: null,
    voice_caller_id_lookup: rng.chance(0.2),
    voice_fallback_method: "POST",
    voice_fallback_url: null,
    voice_method: "POST",
    voice_url: `${host}/voice`,
    emergency_status: addressSid ? "Active" : "Inactive",
    emergency_address_sid: addressSid,
    emergency_address_status: addressSid ? "registered" : "unregistered",
    bundle_sid: null,
    status: "in-use",
    type: tollFree ? "tollfree" : "local",
    ...(k === 1 ? { tags: null } : {}),
  };
}

/** The dependent-number view of an incoming number (its own schema, capitalised capabilities). */
function dependentRow(number: Row): Row {
  const caps = number.capabilities as Record<string, boolean>;
  return {
    sid: number.sid,
    account_sid: number.account_sid,
    friendly_name: number.friendly_name,
    phone_number: number.phone_number,
    voice_url: number.voice_url,
    voice_method: number.voice_method,
    voice_fallback_method: number.voice_fallback_method,
    voice_fallback_url: number.voice_fallback_url,
    voice_caller_id_lookup: number.voice_caller_id_lookup,
    date_created: number.date_created,
    date_updated: number.date_updated,
    sms_fallback_method: number.sms_fallback_method,
    sms_fallback_url: number.sms_fallback_url,
    sms_method: number.sms_method,
    sms_url: number.sms_url,
    address_requirements: number.address_requirements,
    capabilities: { Voice: caps.voice, SMS: caps.sms, MMS: caps.mms },
    status_callback: number.status_callback,
    status_callback_method: number.status_callback_method,
    api_version: number.api_version,
    sms_application_sid: number.sms_application_sid,
    voice_application_sid: number.voice_application_sid,
    trunk_sid: number.trunk_sid,
    emergency_status: number.emergency_status,
    emergency_address_sid: number.emergency_address_sid,
    uri: number.uri,
  };
}
