import { deepEqual, equal, ok } from "node:assert/strict";
import {
  granuleEnd,
  judgePage,
  type PageFacts,
  PAGES_PER_WINDOW,
  planWindows,
} from "../../pipeline/window_plan.ts";

const DAY = 86_400_000;
const SECOND = 1000;
const at = (iso: string) => Date.parse(iso);
const YEAR = { start: at("2025-01-01T00:00:00Z"), end: at("2025-12-31T23:59:59Z") };

function facts(overrides: Partial<PageFacts>): PageFacts {
  return {
    window: YEAR,
    unit: SECOND,
    newestFirst: true,
    dates: [],
    more: true,
    walk: { pages: 1, floor: Infinity },
    maxPages: Infinity,
    ...overrides,
  };
}

Deno.test("judgePage() takes a page without a next page: the window is done", () => {
  deepEqual(judgePage(facts({ more: false, dates: [YEAR.start, YEAR.end] })), { kind: "take" });
});

Deno.test("judgePage() cuts a dense newest-first window at the oldest second of its page", () => {
  const dates = [at("2025-12-31T12:00:00Z"), at("2025-12-31T10:00:00.500Z")];
  deepEqual(judgePage(facts({ dates })), {
    kind: "cut",
    at: at("2025-12-31T10:00:00Z"),
    spanMs: 2 * 3_600_000 - 500,
    forced: false,
  });
});

Deno.test("judgePage() walks on when the rest of the window holds about 10 pages or less", () => {
  const window = { start: at("2025-12-01T00:00:00Z"), end: YEAR.end };
  const dates = [at("2025-12-31T23:00:00Z"), at("2025-12-29T00:00:00Z")];
  deepEqual(judgePage(facts({ window, dates })), { kind: "take" });
});

Deno.test("judgePage() never cuts inside the window's first or last granule, nor re-reads one emitted", () => {
  const day = { start: at("2025-06-01T00:00:00Z"), end: at("2025-06-01T23:59:59.999Z") };
  const dates = [at("2025-06-01T20:00:00Z"), at("2025-06-01T19:00:00Z")];
  deepEqual(judgePage(facts({ window: day, unit: DAY, dates })), { kind: "take" });
  const newest = [at("2025-12-31T23:59:59Z"), at("2025-12-31T23:59:59Z")];
  deepEqual(judgePage(facts({ dates: newest })), { kind: "take" });
  const floor = at("2025-06-01T00:00:00Z");
  const walk = { pages: 2, floor };
  deepEqual(judgePage(facts({ dates: [floor + 500], walk })), { kind: "take" });
});

Deno.test("judgePage() cuts before Twilio's result cap even when the rest looks small", () => {
  const window = { start: at("2025-12-20T00:00:00Z"), end: YEAR.end };
  const dates = [at("2025-12-22T00:00:00Z"), at("2025-12-21T00:00:00Z")];
  const verdict = judgePage(
    facts({ window, dates, walk: { pages: 10, floor: Infinity }, maxPages: 10 }),
  );
  equal(verdict.kind, "cut");
  ok(verdict.kind === "cut" && verdict.forced);
});

Deno.test("judgePage() relies on no order without newestFirst: walks a small window, drops a large one", () => {
  const dates = [at("2025-12-31T00:00:00Z"), at("2025-12-30T00:00:00Z")];
  deepEqual(judgePage(facts({ newestFirst: false, dates })), { kind: "drop", spanMs: DAY });
  const window = { start: at("2025-12-25T00:00:00Z"), end: YEAR.end };
  deepEqual(judgePage(facts({ newestFirst: false, window, dates })), { kind: "take" });
  const later = { pages: 2, floor: Infinity };
  deepEqual(judgePage(facts({ newestFirst: false, dates, walk: later })), { kind: "take" });
});

Deno.test("planWindows() sizes windows at about 10 pages and doubles them going back", () => {
  const windows = planWindows(YEAR, DAY, DAY);
  const days = windows.map((w) => Math.round((w.end - w.start + 1) / DAY));
  deepEqual(days.slice(-4), [80, 40, 20, PAGES_PER_WINDOW]);
  equal(windows[0]!.start, YEAR.start);
  equal(windows.at(-1)!.end, YEAR.end);
  for (let k = 1; k < windows.length; k++) {
    equal(windows[k]!.start, windows[k - 1]!.end + 1, "contiguous, whole days");
  }
});

Deno.test("planWindows() keeps slice_step as an upper bound and whole seconds for datetime filters", () => {
  const windows = planWindows(YEAR, DAY, SECOND, 30 * DAY);
  ok(windows.every((w) => w.end - w.start < 30 * DAY), "none longer than 30 days");
  for (let k = 1; k < windows.length; k++) {
    equal(windows[k]!.start, windows[k - 1]!.end + SECOND, "seconds follow each other");
  }
  equal(granuleEnd(at("2025-01-02T00:00:00Z"), DAY), at("2025-01-02T23:59:59.999Z"));
  equal(granuleEnd(at("2025-01-02T00:00:07Z"), SECOND), at("2025-01-02T00:00:07Z"));
});
