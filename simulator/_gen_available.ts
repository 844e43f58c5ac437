/**
 * Available phone numbers: the countries list and its Local / Mobile / TollFree searches.
 * The United States and Canada have no mobile search (their country records lack `mobile`).
 *
 * @module
 */

import type { Row } from "./_collection.ts";
import { accountPath } from "./_gen_common.ts";
import { Rng } from "./_random.ts";

/** Number types and their path segments. */
export const NUMBER_TYPES = { local: "Local", mobile: "Mobile", toll_free: "TollFree" } as const;

/** A number type key of a country's `subresource_uris`. */
export type NumberType = keyof typeof NUMBER_TYPES;

interface Place {
  readonly locality: string;
  readonly region: string;
  readonly postal: string;
  readonly lat: number;
  readonly lon: number;
  readonly lata: string | null;
  readonly rateCenter: string | null;
}

interface Country {
  readonly code: string;
  readonly name: string;
  readonly types: readonly NumberType[];
  /** E.164 prefix per type; `x` is a random digit. */
  readonly formats: Partial<Record<NumberType, string>>;
  readonly places: readonly Place[];
}

const COUNTRIES: readonly Country[] = [
  {
    code: "US",
    name: "United States",
    types: ["local", "toll_free"],
    formats: { local: "+1808925xxxx", toll_free: "+1888xxxxxxx" },
    places: [
      {
        locality: "Hilo",
        region: "HI",
        postal: "96720",
        lat: 19.72,
        lon: -155.09,
        lata: "834",
        rateCenter: "HILO",
      },
      {
        locality: "San Francisco",
        region: "CA",
        postal: "94105",
        lat: 37.77,
        lon: -122.41,
        lata: "722",
        rateCenter: "SNFC CNTL",
      },
    ],
  },
  {
    code: "CA",
    name: "Canada",
    types: ["local", "toll_free"],
    formats: { local: "+1416555xxxx", toll_free: "+1877xxxxxxx" },
    places: [{
      locality: "Toronto",
      region: "ON",
      postal: "M5H",
      lat: 43.65,
      lon: -79.38,
      lata: null,
      rateCenter: "TORONTO",
    }],
  },
  {
    code: "GB",
    name: "United Kingdom",
    types: ["local", "mobile", "toll_free"],
    formats: { local: "+4420xxxxxxxx", mobile: "+447xxxxxxxxx", toll_free: "+44800xxxxxxx" },
    places: [{
      locality: "London",
      region: "London",
      postal: "EC1A",
      lat: 51.51,
      lon: -0.13,
      lata: null,
      rateCenter: null,
    }],
  },
  {
    code: "AU",
    name: "Australia",
    types: ["local", "mobile", "toll_free"],
    formats: { local: "+612xxxxxxxx", mobile: "+614xxxxxxxx", toll_free: "+611800xxxxxx" },
    places: [{
      locality: "Sydney",
      region: "NSW",
      postal: "2000",
      lat: -33.87,
      lon: 151.21,
      lata: null,
      rateCenter: null,
    }],
  },
];

/** Country records of one account (no `mobile` key where the country has no mobile search). */
export function countryRows(accountSid: string): Row[] {
  const base = `${accountPath(accountSid)}/AvailablePhoneNumbers`;
  return COUNTRIES.map((country) => {
    const uris: Record<string, string> = {};
    for (const type of country.types) {
      uris[type] = `${base}/${country.code}/${NUMBER_TYPES[type]}.json`;
    }
    return {
      country_code: country.code,
      country: country.name,
      uri: `${base}/${country.code}.json`,
      beta: false,
      subresource_uris: uris,
    };
  });
}

/** Available numbers for one country and type, or undefined when that search does not exist. */
export function availableRows(
  seed: number,
  accountSid: string,
  code: string,
  type: NumberType,
  count: number,
): Row[] | undefined {
  const country = COUNTRIES.find((c) => c.code === code);
  const format = country?.formats[type];
  if (!country || !format || !country.types.includes(type)) return undefined;
  const rng = Rng.of(seed, accountSid, "available", code, type);
  return Array.from({ length: count }, () => {
    const place = rng.pick(country.places);
    const e164 = format.replace(/x/g, () => String(rng.int(0, 9)));
    const nanp = e164.startsWith("+1");
    const local = type !== "toll_free";
    return {
      friendly_name: nanp ? `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}` : e164,
      phone_number: e164,
      lata: local ? place.lata : null,
      locality: local ? place.locality : null,
      rate_center: local ? place.rateCenter : null,
      latitude: local ? (place.lat + rng.next() / 100).toFixed(6) : null,
      longitude: local ? (place.lon + rng.next() / 100).toFixed(6) : null,
      region: local ? place.region : null,
      postal_code: local ? place.postal : null,
      iso_country: country.code,
      address_requirements: country.code === "US" ? "none" : rng.pick(["any", "local"]),
      beta: false,
      capabilities: { mms: nanp && local, sms: type !== "toll_free" || nanp, voice: true },
    };
  });
}
