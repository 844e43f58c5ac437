import { equal, throws } from "node:assert/strict";
import { isoToRfc2822, rfc2822ToIso } from "../../schemas/_rfc2822.ts";

Deno.test("rfc2822ToIso() converts Twilio timestamps to ISO 8601 UTC", () => {
  equal(rfc2822ToIso("Fri, 24 May 2019 17:44:46 +0000"), "2019-05-24T17:44:46Z");
  equal(rfc2822ToIso("Mon, 14 Feb 2022 22:23:00 +0100"), "2022-02-14T21:23:00Z");
  equal(rfc2822ToIso("Tue, 01 Jun 2021 12:00:00 -0500"), "2021-06-01T17:00:00Z");
  equal(rfc2822ToIso("Tue, 01 Jun 2021 12:00:00 +0545"), "2021-06-01T06:15:00Z");
});

Deno.test("rfc2822ToIso() accepts the optional and alternative parts of RFC 2822", () => {
  equal(rfc2822ToIso("24 May 2019 17:44:46 +0000"), "2019-05-24T17:44:46Z");
  equal(rfc2822ToIso("Sun, 5 Jan 2020 08:09:10 +0000"), "2020-01-05T08:09:10Z");
  equal(rfc2822ToIso("Fri, 24 May 2019 17:44 +0000"), "2019-05-24T17:44:00Z");
  equal(rfc2822ToIso("Fri, 24 May 2019 17:44:46 GMT"), "2019-05-24T17:44:46Z");
  equal(rfc2822ToIso("Fri, 24 May 2019 17:44:46 UT"), "2019-05-24T17:44:46Z");
  equal(rfc2822ToIso("Fri, 24 May 2019 17:44:46 UTC"), "2019-05-24T17:44:46Z");
  equal(rfc2822ToIso("Fri, 24 May 2019 17:44:46 Z"), "2019-05-24T17:44:46Z");
  equal(rfc2822ToIso("Fri, 24 May 2019 17:44:46 EST"), "2019-05-24T22:44:46Z");
  equal(rfc2822ToIso("Fri, 24 May 2019 17:44:46 PDT"), "2019-05-25T00:44:46Z");
  equal(rfc2822ToIso("fri, 24 MAY 2019 17:44:46 gmt"), "2019-05-24T17:44:46Z");
});

Deno.test("rfc2822ToIso() rolls offsets over day, month and year boundaries", () => {
  equal(rfc2822ToIso("Tue, 30 Apr 2019 22:00:00 -0530"), "2019-05-01T03:30:00Z");
  equal(rfc2822ToIso("Wed, 01 May 2019 01:00:00 +0200"), "2019-04-30T23:00:00Z");
  equal(rfc2822ToIso("Thu, 31 Dec 2020 23:30:00 -0100"), "2021-01-01T00:30:00Z");
  equal(rfc2822ToIso("Fri, 01 Jan 2021 00:30:00 +0100"), "2020-12-31T23:30:00Z");
  equal(rfc2822ToIso("Sat, 01 Jan 2000 00:00:00 +2359"), "1999-12-31T00:01:00Z");
  equal(rfc2822ToIso("Fri, 31 Dec 1999 23:59:59 -2359"), "2000-01-01T23:58:59Z");
});

Deno.test("rfc2822ToIso() knows leap years", () => {
  equal(rfc2822ToIso("Sat, 29 Feb 2020 23:00:00 -0200"), "2020-03-01T01:00:00Z");
  equal(rfc2822ToIso("Sun, 01 Mar 2020 00:30:00 +0100"), "2020-02-29T23:30:00Z");
  equal(rfc2822ToIso("Wed, 01 Mar 2023 00:30:00 +0100"), "2023-02-28T23:30:00Z");
  equal(rfc2822ToIso("Tue, 29 Feb 2000 12:00:00 +0000"), "2000-02-29T12:00:00Z");
  equal(rfc2822ToIso("Thu, 01 Mar 1900 00:30:00 +0100"), "1900-02-28T23:30:00Z");
  equal(rfc2822ToIso("Thu, 29 Feb 1900 12:00:00 +0000"), "Thu, 29 Feb 1900 12:00:00 +0000");
  equal(rfc2822ToIso("Tue, 29 Feb 2023 12:00:00 +0000"), "Tue, 29 Feb 2023 12:00:00 +0000");
});

Deno.test("rfc2822ToIso() returns values it cannot parse unchanged", () => {
  const unchanged = [
    "",
    "Foo, bar",
    "2019-05-24T17:44:46Z",
    "2019-06-24T22:32:49+00:00",
    "2008-01-02",
    "Fri, 31 Feb 2019 10:00:00 +0000",
    "Fri, 00 May 2019 10:00:00 +0000",
    "Fri, 24 May 2019 24:00:00 +0000",
    "Fri, 24 May 2019 23:60:00 +0000",
    "Fri, 24 May 2019 23:59:60 +0000",
    "Fri, 24 Mai 2019 17:44:46 +0000",
    "Fry, 24 May 2019 17:44:46 +0000",
    "Fri 24 May 2019 17:44:46 +0000",
    "Fri, 24 May 19 17:44:46 +0000",
    "Fri, 24 May 2019 17:44:46",
    "Fri, 24 May 2019 17:44:46 +000",
    "Fri, 24 May 2019 17:44:46 +00000",
    "Fri, 24 May 2019 17:44:46 +0060",
    "Fri, 24 May 2019 17:44:46 CET",
    "Fri, 24 May 2019 17:44:46 +0000 (UTC)",
    "Fri, 24 May 2019 17:44:46 +0000 ",
    "Fri, 124 May 2019 17:44:46 +0000",
    "Fri, 24 May 2019 7:44:46 +0000",
    "Sat, 01 Jan 0000 00:30:00 +0100",
  ];
  for (const value of unchanged) equal(rfc2822ToIso(value), value, JSON.stringify(value));
});

/** A deterministic pseudo-random generator (mulberry32), so failures replay. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Formats `ms` as RFC 2822 at `offset` minutes east of UTC, using `Date` as the oracle. */
function rfc2822(ms: number, offset: number, next: () => number): string {
  const local = new Date(ms + offset * 60_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = next() < 0.3 ? String(local.getUTCDate()) : pad(local.getUTCDate());
  const weekday = next() < 0.2 ? "" : `${WEEKDAYS[local.getUTCDay()]}, `;
  const abs = Math.abs(offset);
  const numeric = `${offset < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
  const zone = offset === 0 && next() < 0.5 ? ["GMT", "UT", "Z"][Math.floor(next() * 3)] : numeric;
  return `${weekday}${day} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${
      pad(local.getUTCSeconds())
    } ${zone}`;
}

Deno.test("rfc2822ToIso() agrees with Date on generated timestamps", () => {
  const next = random(20190524);
  const from = Date.UTC(1901, 0, 1);
  const to = Date.UTC(2099, 11, 31);
  for (let i = 0; i < 5000; i++) {
    const ms = Math.floor(from / 1000 + next() * (to - from) / 1000) * 1000;
    const offset = next() < 0.3 ? 0 : Math.round((next() * 2 - 1) * 23 * 60 + next() * 59);
    const value = rfc2822(ms, offset, next);
    const expected = new Date(value).toISOString().replace(".000Z", "Z");
    equal(rfc2822ToIso(value), expected, value);
    equal(expected, new Date(ms).toISOString().replace(".000Z", "Z"), value);
  }
});

Deno.test("isoToRfc2822() round-trips through rfc2822ToIso()", () => {
  const next = random(42);
  for (let i = 0; i < 2000; i++) {
    const iso = new Date(Date.UTC(1970, 0, 1) + Math.floor(next() * 4e9) * 1000).toISOString()
      .replace(".000Z", "Z");
    const offset = Math.round((next() * 2 - 1) * 14 * 60);
    const value = isoToRfc2822(iso, offset);
    equal(new Date(value).toISOString().replace(".000Z", "Z"), iso, value);
    equal(rfc2822ToIso(value), iso, value);
  }
  equal(isoToRfc2822("2019-05-24T17:44:46.123Z"), "Fri, 24 May 2019 17:44:46 +0000");
  equal(isoToRfc2822("2021-01-01T00:30:00Z", -60), "Thu, 31 Dec 2020 23:30:00 -0100");
});

Deno.test("isoToRfc2822() rejects what is not an ISO 8601 UTC timestamp", () => {
  for (const value of ["", "2019-05-24", "2019-05-24T17:44:46+01:00", "2019-02-30T00:00:00Z"]) {
    throws(() => isoToRfc2822(value), TypeError, value);
  }
  throws(() => isoToRfc2822("2019-05-24T17:44:46Z", 1440), TypeError);
});
