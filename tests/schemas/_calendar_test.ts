import { equal } from "node:assert/strict";
import { daysFromCivil, daysInMonth, isoFromDays } from "../../schemas/_calendar.ts";

const DAY_MS = 86_400_000;

Deno.test("daysFromCivil() and isoFromDays() agree with Date from year 0 to 9999", () => {
  for (let days = daysFromCivil(0, 1, 1); days <= daysFromCivil(9999, 12, 31); days += 97) {
    const date = new Date(days * DAY_MS);
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    equal(daysFromCivil(year, month, day), days);
    equal(isoFromDays(days, 61, 7), date.toISOString().slice(0, 10) + "T01:01:07Z");
  }
});

Deno.test("daysInMonth() follows the Gregorian leap-year rule", () => {
  equal(daysInMonth(2020, 2), 29);
  equal(daysInMonth(2023, 2), 28);
  equal(daysInMonth(1900, 2), 28);
  equal(daysInMonth(2000, 2), 29);
  equal(daysInMonth(2023, 4), 30);
  equal(daysInMonth(2023, 12), 31);
});
