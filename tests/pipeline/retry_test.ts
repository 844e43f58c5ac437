import { equal, ok, rejects } from "node:assert/strict";
import { parseRetryAfter, ProgressGuard, retryDelay, sleep } from "../../pipeline/retry.ts";
import { Rng } from "../../simulator/_random.ts";

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

Deno.test("ProgressGuard lets 100,000 requests under 25 % faults retry as often as they need", () => {
  const rng = new Rng(7);
  const guard = new ProgressGuard({ now: () => 0 });
  let failures = 0;
  for (let request = 0; request < 100_000; request++) {
    // Each attempt fails with probability 1/4; a request gets at most 8 retries (max_retries).
    for (let attempt = 0; attempt <= 8 && rng.chance(0.25); attempt++) {
      guard.failed();
      failures++;
      equal(guard.retry(), undefined, `request ${request}, attempt ${attempt}`);
    }
    guard.succeeded();
  }
  equal(guard.retries, failures);
  ok(failures > 30_000, `${failures} retries, far more than the old budget of 1000`);
});

Deno.test("ProgressGuard refuses once the failure share of a full window is above the limit", () => {
  const guard = new ProgressGuard({ window: 10, maxFailureShare: 0.8, now: () => 0 });
  guard.succeeded();
  guard.succeeded();
  for (let i = 0; i < 8; i++) guard.failed();
  equal(guard.retry(), undefined, "8 of 10 is not above 80 %");
  guard.failed();
  equal(guard.retry(), "9 of the last 10 requests failed, more than 80 %");
  guard.succeeded();
  ok(guard.retry()?.startsWith("9 of the last 10"), "a sync that gave up stays given up");
  equal(guard.retries, 1);
});

Deno.test("ProgressGuard does not judge the share before a window is full", () => {
  const guard = new ProgressGuard({ window: 10, now: () => 0 });
  for (let i = 0; i < 9; i++) {
    guard.failed();
    equal(guard.retry(), undefined);
  }
  guard.failed();
  equal(guard.retry(), "10 of the last 10 requests failed, more than 90 %");
});

Deno.test("ProgressGuard forgets failures that left the window", () => {
  const guard = new ProgressGuard({ window: 4, maxFailureShare: 0.5, now: () => 0 });
  for (let round = 0; round < 1000; round++) {
    guard.failed();
    guard.failed();
    guard.succeeded();
    guard.succeeded();
    equal(guard.retry(), undefined, `round ${round}: 2 of 4`);
  }
});

Deno.test("ProgressGuard refuses once nothing has succeeded for stallMs, by the injected clock", () => {
  let now = 1_000_000;
  const guard = new ProgressGuard({ stallMs: 60_000, now: () => now });
  guard.failed();
  now += 59_999;
  equal(guard.retry(), undefined);
  guard.succeeded();
  now += 59_999;
  equal(guard.retry(), undefined, "the success restarted the clock");
  now += 1;
  equal(guard.retry(), "no request has succeeded for 60 s (the limit is 60 s)");
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
