/**
 * Twilio's price lists: messaging and phone number prices (Pricing v1) and voice prices
 * (Pricing v2) for a few countries, the same for every account. Prices are decimal strings, as
 * Twilio sends them (`"0.0079"`), in USD.
 *
 * @module
 */

import type { Row } from "./_collection.ts";
import { Rng } from "./_random.ts";

const HOST = "https://pricing.twilio.com";

/** Countries, by ISO code: name, calling code and two carriers. */
const COUNTRIES = [
  ["US", "United States", "1", ["AT&T Wireless", "T-Mobile USA, Inc."]],
  ["GB", "United Kingdom", "44", ["Vodafone", "EE"]],
  ["DE", "Germany", "49", ["Telekom", "O2"]],
  ["FR", "France", "33", ["Orange", "SFR"]],
  ["CA", "Canada", "1", ["Rogers", "Bell"]],
  ["AU", "Australia", "61", ["Telstra", "Optus"]],
  ["JP", "Japan", "81", ["NTT Docomo", "KDDI"]],
  ["BR", "Brazil", "55", ["Vivo", "Claro"]],
  ["IN", "India", "91", ["Airtel", "Jio"]],
  ["MX", "Mexico", "52", ["Telcel", "Movistar"]],
  ["ES", "Spain", "34", ["Movistar", "Vodafone"]],
  ["IT", "Italy", "39", ["TIM", "WindTre"]],
] as const;

const NUMBER_TYPES = ["local", "mobile", "toll free"] as const;

/** One price list: the countries as listed (no prices) and each country's resource. */
export interface PriceList {
  readonly countries: Row[];
  readonly byCountry: ReadonlyMap<string, Row>;
}

/** The three price lists the simulator serves. */
export interface PricingData {
  readonly messaging: PriceList;
  readonly phoneNumbers: PriceList;
  readonly voice: PriceList;
}

function price(rng: Rng, lo: number, hi: number): { base_price: string; current_price: string } {
  const base = lo + rng.next() * (hi - lo);
  const current = rng.chance(0.25) ? base * 0.9 : base;
  return { base_price: base.toFixed(4), current_price: current.toFixed(4) };
}

function list(
  path: string,
  count: number,
  build: (iso: string, country: typeof COUNTRIES[number]) => Row,
): PriceList {
  const chosen = COUNTRIES.slice(0, Math.min(count, COUNTRIES.length));
  const byCountry = new Map<string, Row>();
  const countries = chosen.map((country) => {
    const [iso, name] = country;
    const url = `${HOST}${path}/${iso}`;
    byCountry.set(iso, { country: name, iso_country: iso, ...build(iso, country), url });
    return { country: name, iso_country: iso, url };
  });
  return { countries, byCountry };
}

/** Builds the price lists for `count` countries. */
export function pricingData(seed: number, count: number): PricingData {
  const messaging = list("/v1/Messaging/Countries", count, (iso, [, , , carriers]) => {
    const rng = Rng.of(seed, "pricing", "messaging", iso);
    return {
      outbound_sms_prices: carriers.map((carrier, k) => ({
        carrier,
        mcc: String(rng.int(200, 750)),
        mnc: String(k + 1).padStart(2, "0"),
        prices: NUMBER_TYPES.slice(0, 2).map((type) => ({
          ...price(rng, 0.005, 0.12),
          number_type: type,
        })),
      })),
      inbound_sms_prices: NUMBER_TYPES.map((type) => ({
        ...price(rng, 0, 0.02),
        number_type: type,
      })),
      price_unit: "USD",
    };
  });
  const phoneNumbers = list("/v1/PhoneNumbers/Countries", count, (iso) => {
    const rng = Rng.of(seed, "pricing", "numbers", iso);
    return {
      phone_number_prices: NUMBER_TYPES.map((type) => ({
        ...price(rng, 1, 6),
        number_type: type,
      })),
      price_unit: "USD",
    };
  });
  const voice = list("/v2/Voice/Countries", count, (iso, [, name, code]) => {
    const rng = Rng.of(seed, "pricing", "voice", iso);
    return {
      outbound_prefix_prices: [
        {
          origination_prefixes: ["ALL"],
          destination_prefixes: [code],
          ...price(rng, 0.01, 0.2),
          friendly_name: `Programmable Outbound Minute - ${name}`,
        },
        {
          origination_prefixes: ["ALL"],
          destination_prefixes: [`${code}${rng.int(70, 79)}`, `${code}${rng.int(80, 89)}`],
          ...price(rng, 0.02, 0.4),
          friendly_name: `Programmable Outbound Minute - ${name} - Mobile`,
        },
      ],
      inbound_call_prices: NUMBER_TYPES.map((type) => ({
        ...price(rng, 0.004, 0.05),
        number_type: type,
      })),
      price_unit: "USD",
    };
  });
  return { messaging, phoneNumbers, voice };
}
