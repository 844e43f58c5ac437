import { deepEqual, equal, throws } from "node:assert/strict";
import {
  dateSlices,
  type DateSlicesOptions,
  durationMs,
  formatDate,
  isoSeconds,
  type Slice,
  sliceQuery,
} from "../../pipeline/slices.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

function isoSlices(options: DateSlicesOptions): [string, string][] {
  return [...dateSlices(options)].map((s) => [
    new Date(s.start).toISOString(),
    new Date(s.end).toISOString(),
  ]);
}

/** Asserts that each slice starts one unit after the previous one ends. */
function assertContiguous(slices: Slice[], unit: number): void {
  for (let i = 1; i < slices.length; i++) {
    const previous = slices[i - 1]!;
    const slice = slices[i]!;
    equal(slice.start, Math.floor(previous.end / unit) * unit + unit, `slice ${i}`);
    equal(slice.start > previous.end, true, `slice ${i} overlaps`);
  }
}

Deno.test("dateSlices() cuts a window into whole days and ends at the window end", () => {
  deepEqual(
    isoSlices({
      start: at("2024-01-01T10:30:00Z"),
      end: at("2024-01-04T12:00:00Z"),
      stepMs: DAY,
      granularity: "day",
    }),
    [
      ["2024-01-01T00:00:00.000Z", "2024-01-01T23:59:59.999Z"],
      ["2024-01-02T00:00:00.000Z", "2024-01-02T23:59:59.999Z"],
      ["2024-01-03T00:00:00.000Z", "2024-01-03T23:59:59.999Z"],
      ["2024-01-04T00:00:00.000Z", "2024-01-04T12:00:00.000Z"],
    ],
  );
});

Deno.test("dateSlices() with day granularity rounds a shorter step up to a day", () => {
  const slices = [...dateSlices({
    start: at("2024-01-01T00:00:00Z"),
    end: at("2024-01-03T00:00:00Z"),
    stepMs: 6 * HOUR,
    granularity: "day",
  })];
  equal(slices.length, 3);
  assertContiguous(slices, DAY);
  equal(slices.at(-1)!.start, at("2024-01-03T00:00:00Z"));
  equal(slices.at(-1)!.end, at("2024-01-03T00:00:00Z"));
});

Deno.test("dateSlices() with day granularity uses multi-day steps", () => {
  deepEqual(
    isoSlices({
      start: at("2024-01-01T08:00:00Z"),
      end: at("2024-01-20T08:00:00Z"),
      stepMs: 7 * DAY,
      granularity: "day",
    }),
    [
      ["2024-01-01T00:00:00.000Z", "2024-01-07T23:59:59.999Z"],
      ["2024-01-08T00:00:00.000Z", "2024-01-14T23:59:59.999Z"],
      ["2024-01-15T00:00:00.000Z", "2024-01-20T08:00:00.000Z"],
    ],
  );
});

Deno.test("dateSlices() cuts a window into whole seconds with second granularity", () => {
  deepEqual(
    isoSlices({
      start: at("2024-01-01T10:00:00.250Z"),
      end: at("2024-01-01T12:30:00Z"),
      stepMs: HOUR,
      granularity: "second",
    }),
    [
      ["2024-01-01T10:00:00.000Z", "2024-01-01T10:59:59.000Z"],
      ["2024-01-01T11:00:00.000Z", "2024-01-01T11:59:59.000Z"],
      ["2024-01-01T12:00:00.000Z", "2024-01-01T12:30:00.000Z"],
    ],
  );
});

Deno.test("dateSlices() gives one slice when the step is larger than the window", () => {
  for (const granularity of ["day", "second"] as const) {
    const start = at("2024-01-01T00:00:00Z");
    const end = at("2024-01-03T05:00:00Z");
    deepEqual([...dateSlices({ start, end, stepMs: 30 * DAY, granularity })], [{ start, end }]);
  }
});

Deno.test("dateSlices() leaves no gap and no overlap, and the last slice ends at end", () => {
  const cases: DateSlicesOptions[] = [
    {
      start: at("2023-12-30T23:59:59Z"),
      end: at("2024-03-01T00:00:01Z"),
      stepMs: DAY,
      granularity: "day",
    },
    {
      start: at("2024-01-01T00:00:07Z"),
      end: at("2024-01-09T13:14:15Z"),
      stepMs: 5 * HOUR + 1234,
      granularity: "second",
    },
    {
      start: at("2024-01-01T00:00:00Z"),
      end: at("2024-01-01T00:00:10Z"),
      stepMs: 1,
      granularity: "second",
    },
    {
      start: at("2024-02-27T12:00:00Z"),
      end: at("2024-03-02T00:00:00Z"),
      stepMs: 2 * DAY + 5,
      granularity: "day",
    },
  ];
  for (const options of cases) {
    const unit = options.granularity === "day" ? DAY : 1000;
    const slices = [...dateSlices(options)];
    equal(slices[0]!.start, Math.floor(options.start / unit) * unit);
    assertContiguous(slices, unit);
    for (const slice of slices) equal(slice.start <= slice.end, true);
    equal(slices.at(-1)!.end, options.end);
  }
});

Deno.test("dateSlices() with second granularity makes one-second slices for a tiny step", () => {
  const slices = [...dateSlices({
    start: at("2024-01-01T00:00:00Z"),
    end: at("2024-01-01T00:00:02Z"),
    stepMs: 1,
    granularity: "second",
  })];
  equal(slices.length, 3);
  for (const slice of slices) equal(slice.start, slice.end);
});

Deno.test("dateSlices() yields a single instant for an empty window and nothing for a reversed one", () => {
  const t = at("2024-01-01T00:00:00Z");
  deepEqual([...dateSlices({ start: t, end: t, stepMs: DAY, granularity: "second" })], [{
    start: t,
    end: t,
  }]);
  deepEqual([...dateSlices({ start: t + 5000, end: t, stepMs: DAY, granularity: "second" })], []);
});

const SLICE: Slice = { start: at("2024-01-01T00:00:00Z"), end: at("2024-01-03T18:30:15Z") };

Deno.test("sliceQuery() writes date filters as YYYY-MM-DD", () => {
  deepEqual(sliceQuery({ lower: "StartDate", upper: "EndDate", format: "date" }, SLICE), [
    ["StartDate", "2024-01-01"],
    ["EndDate", "2024-01-03"],
  ]);
});

Deno.test("sliceQuery() writes datetime filters as YYYY-MM-DD HH:MM:SSZ", () => {
  deepEqual(sliceQuery({ lower: "DateSent>", upper: "DateSent<", format: "datetime" }, SLICE), [
    ["DateSent>", "2024-01-01 00:00:00Z"],
    ["DateSent<", "2024-01-03 18:30:15Z"],
  ]);
});

Deno.test("sliceQuery() writes iso filters as YYYY-MM-DDTHH:MM:SSZ", () => {
  deepEqual(sliceQuery({ lower: "StartDate", upper: "EndDate", format: "iso" }, SLICE), [
    ["StartDate", "2024-01-01T00:00:00Z"],
    ["EndDate", "2024-01-03T18:30:15Z"],
  ]);
});

Deno.test("sliceQuery() moves an exclusive upper bound one unit past the slice", () => {
  const filter = { lower: "DateCreatedFrom", upper: "DateCreatedTo", upperExclusive: true };
  deepEqual(sliceQuery({ ...filter, format: "iso" }, SLICE), [
    ["DateCreatedFrom", "2024-01-01T00:00:00Z"],
    ["DateCreatedTo", "2024-01-03T18:30:16Z"],
  ]);
  deepEqual(sliceQuery({ ...filter, format: "date" }, SLICE), [
    ["DateCreatedFrom", "2024-01-01"],
    ["DateCreatedTo", "2024-01-04"],
  ]);
});

Deno.test("formatDate() and isoSeconds() drop milliseconds", () => {
  const ms = at("2024-05-06T07:08:09.999Z");
  equal(formatDate(ms, "date"), "2024-05-06");
  equal(formatDate(ms, "datetime"), "2024-05-06 07:08:09Z");
  equal(formatDate(ms, "iso"), "2024-05-06T07:08:09Z");
  equal(isoSeconds(ms), "2024-05-06T07:08:09Z");
});

Deno.test("durationMs() reads ISO 8601 durations", () => {
  equal(durationMs("P1D"), DAY);
  equal(durationMs("PT6H"), 6 * HOUR);
  equal(durationMs("P1W"), 7 * DAY);
  equal(durationMs("P1M"), 30 * DAY);
  equal(durationMs("P1Y"), 365 * DAY);
  equal(durationMs("PT1H30M"), 90 * 60_000);
  equal(durationMs("PT45S"), 45_000);
  equal(durationMs("P1DT12H"), DAY + 12 * HOUR);
});

Deno.test("durationMs() throws RangeError for text that is not a duration", () => {
  for (const text of ["", "1D", "P1H", "PT1D", "P-1D", "P1.5D", "p1d", "P1D "]) {
    throws(() => durationMs(text), RangeError, JSON.stringify(text));
  }
});

Deno.test("durationMs() throws RangeError for a duration without any component", () => {
  for (const text of ["P", "PT"]) throws(() => durationMs(text), RangeError, text);
});
