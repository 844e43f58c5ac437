/**
 * Twilio's price lists (host `pricing`): messaging, phone number and voice
 * prices by country. A country list carries no prices, so each country's own
 * resource is the record: the lists are internal parents (never in the
 * catalog, never emitted) and each stream reads one resource per country.
 * Prices are public and the same for every account (`scope: "global"`): read
 * once per sync with the config's credentials, not per account.
 *
 * @module
 */
import * as S from "../schemas/mod.ts";
import { defineStream, PAGE, type StreamDefinition } from "./_define.ts";

const KEY = [["iso_country"]] as const;

/** The country list at `path` and the stream of each country's prices under it. */
function pricing(
  name: string,
  path: string,
  schema: StreamDefinition["schema"],
): [StreamDefinition, StreamDefinition] {
  const list = defineStream({
    name: `${name}_list`,
    product: "pricing",
    path,
    recordKey: "countries",
    schema: S.PricingCountry,
    primaryKey: KEY,
    pageSize: PAGE.max,
    internal: true,
    scope: "global",
  });
  const country = defineStream({
    name,
    product: "pricing",
    path: `${path}/{IsoCountry}`,
    schema,
    primaryKey: KEY,
    pageSize: 1,
    scope: "global",
    parent: {
      stream: list.name,
      params: (c) => typeof c.iso_country === "string" ? { IsoCountry: c.iso_country } : undefined,
    },
    note: "Price lists have no timestamp: full refresh only.",
  });
  return [list, country];
}

const MESSAGING = pricing(
  "pricing_messaging_countries",
  "/v1/Messaging/Countries",
  S.PricingMessagingCountry,
);
const PHONE_NUMBERS = pricing(
  "pricing_phone_number_countries",
  "/v1/PhoneNumbers/Countries",
  S.PricingPhoneNumberCountry,
);
const VOICE = pricing("pricing_voice_countries", "/v2/Voice/Countries", S.PricingVoiceCountry);

/**
 * The pricing streams, in catalog order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PRICING_STREAMS } from "./pricing.ts";
 * assert.deepEqual(PRICING_STREAMS.map((s) => s.path), [
 *   "/v1/Messaging/Countries/{IsoCountry}",
 *   "/v1/PhoneNumbers/Countries/{IsoCountry}",
 *   "/v2/Voice/Countries/{IsoCountry}",
 * ]);
 * assert.ok(PRICING_STREAMS.every((s) => s.recordKey === undefined));
 * ```
 */
export const PRICING_STREAMS: readonly StreamDefinition[] = [
  MESSAGING[1],
  PHONE_NUMBERS[1],
  VOICE[1],
];

/**
 * The country lists the pricing streams are read under (`internal`: not in the catalog).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PRICING_LISTS } from "./pricing.ts";
 * assert.ok(PRICING_LISTS.every((s) => s.internal && s.recordKey === "countries"));
 * ```
 */
export const PRICING_LISTS: readonly StreamDefinition[] = [
  MESSAGING[0],
  PHONE_NUMBERS[0],
  VOICE[0],
];
