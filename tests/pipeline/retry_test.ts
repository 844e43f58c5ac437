import { equal, ok, rejects } from "node:assert/strict";
import { parseRetryAfter, RetryBudget, retryDelay, sleep } from "../../pipeline/retry.ts";

const NOW = Date.parse("2024-03-01T12:00:00Z");

Deno.test("parseRetryAfter() reads whole seconds", () => {
  equal(parseRetryAfter("3", NOW), 3000);
  equal(parseRetryAfter(" 120 ", NOW), 120_000);
  equal(parseRetryAfter("0", NOW), 0);
});

Deno.test("parseRetryAfter() reads fractional seconds and rounds up to a millisecond", () => {
  equal(parseRetryAfter("1.5", NOW), 1500);
  equal(parseRetryAfter("0.25", NOW), 250);
  equal(parseRetryAfter("0.0001", NOW), 1);
});

Deno.test("parseRetryAfter() reads an HTTP date relative to now", () => {
  equal(parseRetryAfter("Fri, 01 Mar 2024 12:00:30 GMT", NOW), 30_000);
  equal(parseRetryAfter("Fri, 01 Mar 2024 12:02:00 GMT", NOW), 120_000);
});

Deno.test("parseRetryAfter() gives 0 for an HTTP date in the past", () => {
  equal(parseRetryAfter("Fri, 01 Mar 2024 11:59:00 GMT", NOW), 0);
});

Deno.test("parseRetryAfter() gives undefined when the header is absent or unreadable", () => {
  equal(parseRetryAfter(null, NOW), undefined);
  for (const junk of ["", "   ", "soon", "1e3", "later, please", "NaN"]) {
    equal(parseRetryAfter(junk, NOW), undefined, JSON.stringify(junk));
  }
});

Deno.test("parseRetryAfter() gives undefined for a negative number of seconds", () => {
  equal(parseRetryAfter("-1", NOW), undefined);
  equal(parseRetryAfter("-30", NOW), undefined);
});

Deno.test("retryDelay() never waits less than Retry-After", () => {
  for (const retryAfter of [0, 1, 999, 5000, 120_000]) {
    for (const r of [0, 0.3, 0.999999]) {
      const delay = retryDelay(3, retryAfter, { random: () => r, maxMs: 100 });
      ok(delay >= retryAfter, `${delay} < ${retryAfter}`);
    }
  }
  equal(retryDelay(0, 2000, { random: () => 0 }), 2000);
});

Deno.test("retryDelay() adds at most a second of jitter to Retry-After", () => {
  equal(retryDelay(0, 2000, { random: () => 0.5 }), 2125); // half of 0.1 * 2000 + 50
  ok(retryDelay(0, 600_000, { random: () => 0.999999 }) < 601_000);
});

Deno.test("retryDelay() grows exponentially without Retry-After", () => {
  const low = [0, 1, 2, 3, 4].map((a) =>
    retryDelay(a, undefined, { baseMs: 100, random: () => 0 })
  );
  equal(low.join(), "50,100,200,400,800");
  const high = [0, 1, 2].map((a) =>
    retryDelay(a, undefined, { baseMs: 100, random: () => 0.999999 })
  );
  equal(high.join(), "99,199,399");
});

Deno.test("retryDelay() stays within maxMs however many attempts", () => {
  for (const attempt of [0, 5, 10, 20, 100, 2000]) {
    for (const r of [0, 0.5, 0.999999]) {
      const delay = retryDelay(attempt, undefined, { baseMs: 500, maxMs: 8000, random: () => r });
      ok(delay <= 8000 && delay >= 0, `attempt ${attempt}: ${delay}`);
    }
  }
  equal(retryDelay(50, undefined, { baseMs: 500, maxMs: 8000, random: () => 0 }), 4000);
});

Deno.test("retryDelay() uses 500 ms base and a 60 s ceiling by default", () => {
  equal(retryDelay(0, undefined, { random: () => 0 }), 250);
  equal(retryDelay(30, undefined, { random: () => 0 }), 30_000);
});

Deno.test("RetryBudget hands out exactly its total", () => {
  const budget = new RetryBudget(3);
  equal(budget.used, 0);
  equal([budget.take(), budget.take(), budget.take()].join(), "true,true,true");
  equal(budget.take(), false);
  equal(budget.take(), false);
  equal(budget.used, 3);
});

Deno.test("RetryBudget of zero refuses the first retry", () => {
  const budget = new RetryBudget(0);
  equal(budget.take(), false);
  equal(budget.used, 0);
});

Deno.test("sleep() rejects with the reason when the signal aborts", async () => {
  const controller = new AbortController();
  const reason = new Error("stop");
  const sleeping = sleep(60_000, controller.signal);
  controller.abort(reason);
  await rejects(sleeping, (error: unknown) => error === reason);
});

Deno.test("sleep() rejects for a signal that is already aborted", async () => {
  const reason = new Error("already");
  await rejects(sleep(60_000, AbortSignal.abort(reason)), (error: unknown) => error === reason);
});

Deno.test("sleep() resolves after the delay", async () => {
  await sleep(0);
});
