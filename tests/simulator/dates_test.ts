import assert from "node:assert/strict";
import { iso, lastMs, parseFilterValue, rfc2822 } from "../../simulator/_dates.ts";

Deno.test("rfc2822() and iso() write Twilio's two date formats", () => {
  const ms = Date.UTC(2019, 4, 24, 17, 44, 46, 123);
  assert.equal(rfc2822(ms), "Fri, 24 May 2019 17:44:46 +0000");
  assert.equal(iso(ms), "2019-05-24T17:44:46Z");
  assert.equal(rfc2822(Date.UTC(2015, 6, 1)), "Wed, 01 Jul 2015 00:00:00 +0000");
});

Deno.test("parseFilterValue() accepts a date or a UTC date-time and nothing else", () => {
  assert.deepEqual(parseFilterValue("2024-02-29"), { ms: Date.UTC(2024, 1, 29), day: true });
  assert.deepEqual(parseFilterValue("2024-02-29T10:11:12Z"), {
    ms: Date.UTC(2024, 1, 29, 10, 11, 12),
    day: false,
  });
  assert.deepEqual(parseFilterValue("2024-02-29 10:11:12Z"), {
    ms: Date.UTC(2024, 1, 29, 10, 11, 12),
    day: false,
  });
  for (
    const bad of [
      "2023-02-29",
      "2024-1-01",
      "2024-01-01T24:00:00Z",
      "2024-01-01T00:00:00.000Z",
      "",
      "-30days",
    ]
  ) {
    assert.equal(parseFilterValue(bad), undefined, bad);
  }
});

Deno.test("lastMs() ends a day value at 23:59:59.999 and a date-time at its second", () => {
  const day = parseFilterValue("2024-03-01");
  const time = parseFilterValue("2024-03-01T05:00:00Z");
  assert(day && time);
  assert.equal(lastMs(day), Date.UTC(2024, 2, 1, 23, 59, 59, 999));
  assert.equal(lastMs(time), Date.UTC(2024, 2, 1, 5, 0, 0, 999));
});
