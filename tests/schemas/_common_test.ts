import { deepEqual, equal } from "node:assert/strict";
import { z } from "zod";
import {
  arr,
  bool,
  capabilities,
  date,
  dateTime,
  formatOf,
  int,
  links,
  num,
  obj,
  record,
  secret,
  str,
  strList,
  toJsonSchema,
} from "../../schemas/_common.ts";

Deno.test("field helpers accept null and a missing value", () => {
  const fields = [str(), int(), num(), bool(), dateTime(), date(), secret(), strList(), record()];
  const more = [arr(z.string()), obj({ a: str() }), links("a"), capabilities()];
  for (const field of [...fields, ...more]) {
    equal(field.safeParse(null).success, true);
    equal(field.safeParse(undefined).success, true);
  }
});

Deno.test("field helpers validate without coercing", () => {
  equal(int().safeParse("4").success, false);
  equal(int().safeParse(4.5).success, false);
  equal(num().safeParse("0.04").success, false);
  equal(bool().safeParse("true").success, false);
  equal(str().safeParse(4).success, false);
  equal(dateTime().safeParse("Fri, 24 May 2019 17:44:46 +0000").success, true);
  equal(record().safeParse([]).success, false);
});

Deno.test("obj() and record() keep unknown fields", () => {
  deepEqual(obj({ a: str() }).parse({ a: "x", b: 1 }), { a: "x", b: 1 });
  deepEqual(record().parse({ foo: { bar: [1] } }), { foo: { bar: [1] } });
  deepEqual(links("media").parse({ media: "/m", feedback: "/f" }), { media: "/m", feedback: "/f" });
  deepEqual(capabilities().parse({ voice: true, SMS: false, rcs: true }), {
    voice: true,
    SMS: false,
    rcs: true,
  });
});

Deno.test("formatOf() reads the format through nullable and optional", () => {
  equal(formatOf(dateTime()), "date-time");
  equal(formatOf(date()), "date");
  equal(formatOf(str()), undefined);
  equal(formatOf(z.string().meta({ format: "date-time" })), "date-time");
});

Deno.test("secret() marks the field for redaction in the JSON schema", () => {
  const json = toJsonSchema(z.object({ auth_token: secret() }));
  deepEqual((json.properties as Record<string, unknown>).auth_token, {
    type: ["string", "null"],
    airbyte_secret: true,
  });
});
