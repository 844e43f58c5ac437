import { deepEqual, equal, ok } from "node:assert/strict";
import { z } from "zod";
import {
  decimalValue,
  type NormalizePlan,
  normalizeRecord,
  NormalizeStream,
  planFor,
  REDACTED,
} from "../../pipeline/normalize.ts";
import {
  bool,
  date,
  dateTime,
  int,
  num,
  obj,
  rfc2822ToIso,
  secret,
  str,
} from "../../schemas/_common.ts";
import type { JsonObject } from "../../protocol/messages.ts";

const Account = z.object({
  sid: str(),
  friendly_name: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  start_date: date(),
  num_segments: int(),
  price: num(),
  auth_token: secret(),
  active: bool(),
  subresource_uris: obj({ calls: str() }),
}).loose();

const PLAN = planFor(Account);

Deno.test("planFor() finds date-time, number and secret fields of a schema", () => {
  deepEqual(PLAN, {
    dates: ["date_created", "date_updated"],
    numbers: ["num_segments", "price"],
    redact: ["auth_token"],
    drop: [],
  });
});

Deno.test("planFor() looks through wrappers written in any order", () => {
  const schema = z.object({
    a: z.number().optional(),
    b: z.int().nullable(),
    c: z.string().meta({ format: "date-time" }).optional().nullable(),
    d: z.string().meta({ airbyte_secret: true }).nullable().default(null),
    e: z.string().meta({ format: "date" }),
  });
  deepEqual(planFor(schema), { dates: ["c"], numbers: ["a", "b"], redact: ["d"], drop: [] });
});

Deno.test("planFor() adds the extra fields to redact and drop", () => {
  const plan = planFor(Account, { redact: ["friendly_name"], drop: ["subresource_uris"] });
  deepEqual(plan.redact, ["friendly_name", "auth_token"]);
  deepEqual(plan.drop, ["subresource_uris"]);
});

Deno.test("normalizeRecord() converts RFC 2822 dates to ISO 8601 UTC", () => {
  const record = normalizeRecord({
    date_created: "Fri, 24 May 2019 17:44:46 +0000",
    date_updated: "Tue, 15 Nov 2022 10:28:40 -0500",
  }, PLAN);
  deepEqual(record, {
    date_created: "2019-05-24T17:44:46Z",
    date_updated: "2022-11-15T15:28:40Z",
  });
});

Deno.test("normalizeRecord() leaves a date it cannot read and a null date as they are", () => {
  deepEqual(normalizeRecord({ date_created: "yesterday", date_updated: null }, PLAN), {
    date_created: "yesterday",
    date_updated: null,
  });
});

Deno.test("normalizeRecord() turns numeric strings of number fields into numbers", () => {
  const cases: [unknown, unknown][] = [
    ["3", 3],
    ["-0.0075", -0.0075],
    ["10.", 10],
    [".5", 0.5],
    ["1e3", 1000],
    [4, 4],
  ];
  for (const [input, expected] of cases) {
    equal(normalizeRecord({ price: input }, PLAN).price, expected, String(input));
  }
});

Deno.test("decimalValue() gives the double Number() gives, for random decimals and edge cases", () => {
  const edges = [
    "0",
    "-0",
    "007",
    "0.10",
    "-0.0075",
    "5.",
    ".5",
    "123456789012345",
    "0.123456789012345",
    "1234567890123456",
    "9007199254740993",
    "0.1234567890123456789",
    "1e3",
    "-2.5E-3",
    "1e999",
  ];
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const digits = (count: number) =>
    Array.from({ length: count }, () => Math.floor(random() * 10)).join("");
  for (let k = 0; k < 20_000; k++) {
    const whole = digits(Math.floor(random() * 9));
    const fraction = digits(Math.floor(random() * 10));
    edges.push(`${random() < 0.5 ? "-" : ""}${whole || "0"}${fraction ? `.${fraction}` : ""}`);
  }
  for (const text of edges) ok(Object.is(decimalValue(text), Number(text)), text);
});

Deno.test("decimalValue() is NaN for what is not a decimal", () => {
  for (
    const text of ["", "-", ".", "-.", " 1", "1 ", "+1", "1.2.3", "0x10", "Infinity", "1e", "1e+"]
  ) {
    ok(Number.isNaN(decimalValue(text)), text);
  }
});

Deno.test("normalizeRecord() leaves non-numeric values of number fields unchanged", () => {
  for (const input of ["", " ", "abc", "1,5", "0x10", "Infinity", "12abc", null, true]) {
    equal(normalizeRecord({ price: input }, PLAN).price, input, String(input));
  }
  equal("price" in normalizeRecord({}, PLAN), false);
});

Deno.test("normalizeRecord() does not convert numeric strings of string fields", () => {
  const record = normalizeRecord({ friendly_name: "42", sid: "1" }, PLAN);
  deepEqual(record, { friendly_name: "42", sid: "1" });
});

Deno.test("normalizeRecord() redacts secret values but keeps null and missing ones", () => {
  equal(normalizeRecord({ auth_token: "0123456789abcdef" }, PLAN).auth_token, REDACTED);
  equal(normalizeRecord({ auth_token: null }, PLAN).auth_token, null);
  equal("auth_token" in normalizeRecord({}, PLAN), false);
});

Deno.test("normalizeRecord() drops the fields the plan drops", () => {
  const plan: NormalizePlan = { dates: [], numbers: [], redact: [], drop: ["uri", "gone"] };
  deepEqual(normalizeRecord({ sid: "CA1", uri: "/x" }, plan), { sid: "CA1" });
});

Deno.test("normalizeRecord() keeps fields the schema does not know", () => {
  const record = normalizeRecord({
    sid: "AC1",
    brand_new_field: "Fri, 24 May 2019 17:44:46 +0000",
    brand_new_count: "12",
    nested: { x: 1 },
  }, PLAN);
  deepEqual(record, {
    sid: "AC1",
    brand_new_field: "Fri, 24 May 2019 17:44:46 +0000",
    brand_new_count: "12",
    nested: { x: 1 },
  });
});

Deno.test("normalizeRecord() changes the record in place and returns it", () => {
  const record: JsonObject = { price: "1.5" };
  equal(normalizeRecord(record, PLAN), record);
  equal(record.price, 1.5);
});

Deno.test("NormalizeStream normalises every record of every page and keeps page boundaries", async () => {
  const pages: JsonObject[][] = [
    [
      { sid: "AC1", date_created: "Fri, 24 May 2019 17:44:46 +0000", price: "0.01" },
      { sid: "AC2", auth_token: "abcdef", extra: "kept" },
    ],
    [],
    [{ sid: "AC3", num_segments: "2", price: "" }],
  ];
  const out = await Array.fromAsync(
    ReadableStream.from(pages).pipeThrough(new NormalizeStream(PLAN)),
  );
  deepEqual(out, [
    [
      { sid: "AC1", date_created: "2019-05-24T17:44:46Z", price: 0.01 },
      { sid: "AC2", auth_token: REDACTED, extra: "kept" },
    ],
    [],
    [{ sid: "AC3", num_segments: 2, price: "" }],
  ]);
});

Deno.test("normalizeRecord() writes exactly what rfc2822ToIso() returns, for any layout", () => {
  const base = "Fri, 24 May 2019 17:44:46 +0000";
  const cases = [
    base,
    "fri, 24 may 2019 17:44:46 +0000",
    "FRI, 24 MAY 2019 17:44:46 +0000",
    "Fri, 24 May 2019 17:44:46 +0100",
    "Fri, 24 May 2019 17:44:46 -0000",
    "Fri, 24 May 2019 17:44:46 GMT",
    "Fri, 4 May 2019 17:44:46 +0000",
    "Fri, 24 May 2019 17:44 +0000",
    "Thu, 29 Feb 2024 00:00:00 +0000",
    "Thu, 29 Feb 2023 00:00:00 +0000",
    "Mon, 31 Apr 2024 00:00:00 +0000",
    "Mon, 30 Apr 2024 24:00:00 +0000",
    "Mon, 30 Apr 2024 23:60:00 +0000",
    "Mon, 30 Apr 2024 23:59:60 +0000",
    "Mon, 00 Apr 2024 23:59:59 +0000",
    "Xyz, 30 Apr 2024 23:59:59 +0000",
    "Mon, 30 Abc 2024 23:59:59 +0000",
    "Mon, 30 Apr 20x4 23:59:59 +0000",
    "Mon, 30 Dec 0000 23:59:59 +0000",
    "2019-05-24T17:44:46Z",
    "",
  ];
  for (let i = 0; i < base.length; i++) {
    for (const c of ["0", "9", " ", ",", ":", "+", "-", "A", "a"]) {
      cases.push(base.slice(0, i) + c + base.slice(i + 1));
    }
  }
  for (const value of cases) {
    const plan: NormalizePlan = { dates: ["at"], numbers: [], redact: [], drop: [] };
    equal(normalizeRecord({ at: value }, plan).at, rfc2822ToIso(value), value);
  }
});

Deno.test("normalizeRecord() converts exactly the strings a decimal-number pattern matches", () => {
  const pattern = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
  const inputs = [
    "0",
    "-1",
    "007",
    "1.",
    "-.5e3",
    "1E-5",
    "2e+10",
    "1e",
    "1e+",
    "e5",
    "-",
    ".",
    "-.",
    "+1",
    "1.2.3",
    "1 ",
    " 1",
    "1\n",
    "٣",
    "--1",
    "1e5.5",
  ];
  for (const input of inputs) {
    const expected = pattern.test(input) ? Number(input) : input;
    equal(normalizeRecord({ price: input }, PLAN).price, expected, JSON.stringify(input));
  }
});

Deno.test("normalizeRecord() handles field names that need quoting", () => {
  const plan: NormalizePlan = {
    dates: ['a"b'],
    numbers: ["c\\d"],
    redact: ["e\nf"],
    drop: ["g'h"],
  };
  const record = normalizeRecord({
    'a"b': "Fri, 24 May 2019 17:44:46 +0000",
    "c\\d": "5",
    "e\nf": "secret",
    "g'h": 1,
  }, plan);
  deepEqual(record, { 'a"b': "2019-05-24T17:44:46Z", "c\\d": 5, "e\nf": REDACTED });
});
