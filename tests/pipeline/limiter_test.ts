import { equal, fail, ok, rejects } from "node:assert/strict";
import { AdaptiveLimiter } from "../../pipeline/limiter.ts";
import { settle } from "./_helpers.ts";

Deno.test("AdaptiveLimiter starts at min(4, max) unless told otherwise", () => {
  equal(new AdaptiveLimiter({ max: 10 }).limit, 4);
  equal(new AdaptiveLimiter({ max: 2 }).limit, 2);
  equal(new AdaptiveLimiter({ max: 10, initial: 7 }).limit, 7);
  equal(new AdaptiveLimiter({ max: 10, initial: 50 }).limit, 10);
  equal(new AdaptiveLimiter({ max: 0 }).limit, 1);
});

Deno.test("AdaptiveLimiter never lets more than limit requests in flight", async () => {
  const limiter = new AdaptiveLimiter({ max: 3, initial: 3 });
  let inFlight = 0;
  let peak = 0;
  let done = 0;
  const gates: (() => void)[] = [];
  const tasks = Array.from({ length: 20 }, async () => {
    await limiter.acquire();
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise<void>((resolve) => gates.push(resolve));
    inFlight--;
    done++;
    limiter.release("failed");
  });
  while (done < 20) {
    await settle();
    ok(inFlight <= 3, `${inFlight} in flight`);
    equal(limiter.inFlight, inFlight);
    gates.shift()?.();
  }
  await Promise.all(tasks);
  equal(peak, 3);
  equal(limiter.peak, 3);
  equal(limiter.inFlight, 0);
});

Deno.test("AdaptiveLimiter grants waiting acquirers in arrival order", async () => {
  const limiter = new AdaptiveLimiter({ max: 1, initial: 1 });
  await limiter.acquire();
  const order: number[] = [];
  const waiting = [1, 2, 3].map((n) => limiter.acquire().then(() => order.push(n)));
  await settle();
  equal(order.length, 0);
  for (let i = 0; i < 3; i++) {
    limiter.release("failed");
    await settle();
  }
  await Promise.all(waiting);
  equal(order.join(), "1,2,3");
});

Deno.test("AdaptiveLimiter increases the limit additively on ok, up to max", async () => {
  const limiter = new AdaptiveLimiter({ max: 3, initial: 1 });
  const limits: number[] = [];
  for (let i = 0; i < 8; i++) {
    await limiter.acquire();
    limiter.release("ok");
    limits.push(limiter.limit);
  }
  // 1 -> 2 -> 2.5 -> 2.9 -> 3 (capped).
  equal(limits.join(), "2,2,2,3,3,3,3,3");
});

Deno.test("AdaptiveLimiter grows by about one per window of ok requests", async () => {
  const limiter = new AdaptiveLimiter({ max: 100, initial: 10 });
  for (let i = 0; i < 10; i++) {
    await limiter.acquire();
    limiter.release("ok");
  }
  equal(limiter.limit, 10);
  await limiter.acquire();
  limiter.release("ok");
  equal(limiter.limit, 11);
});

Deno.test("AdaptiveLimiter halves the limit once for a burst of throttled requests", async () => {
  const limiter = new AdaptiveLimiter({ max: 8, initial: 8 });
  for (let i = 0; i < 8; i++) await limiter.acquire();
  for (let i = 0; i < 8; i++) limiter.release("throttled");
  equal(limiter.limit, 4);
});

Deno.test("AdaptiveLimiter halves the limit on the first throttled request", async () => {
  const limiter = new AdaptiveLimiter({ max: 8, initial: 8 });
  await limiter.acquire();
  limiter.release("throttled");
  equal(limiter.limit, 4);
});

Deno.test("AdaptiveLimiter halves again after a window of requests, down to 1", async () => {
  const limiter = new AdaptiveLimiter({ max: 8, initial: 8 });
  // A healthy window first, so the next 429 is a fresh signal.
  for (let i = 0; i < 8; i++) {
    await limiter.acquire();
    limiter.release("ok");
  }
  equal(limiter.limit, 8);
  const limits: number[] = [];
  for (let i = 0; i < 12; i++) {
    await limiter.acquire();
    limiter.release("throttled");
    limits.push(limiter.limit);
  }
  // 8 -> 4 at once, then one halving per window: 4 more releases -> 2, 2 more -> 1.
  equal(limits.join(), "4,4,4,4,2,2,1,1,1,1,1,1");
});

Deno.test("AdaptiveLimiter leaves the limit alone on failed requests", async () => {
  const limiter = new AdaptiveLimiter({ max: 8, initial: 4 });
  for (let i = 0; i < 10; i++) {
    await limiter.acquire();
    limiter.release("failed");
  }
  equal(limiter.limit, 4);
});

Deno.test("AdaptiveLimiter admits no new request while over a lowered limit", async () => {
  const limiter = new AdaptiveLimiter({ max: 4, initial: 4 });
  for (let i = 0; i < 8; i++) {
    await limiter.acquire();
    limiter.release("ok");
  }
  for (let i = 0; i < 4; i++) await limiter.acquire();
  let granted = false;
  const waiting = limiter.acquire().then(() => granted = true);
  limiter.release("throttled"); // limit 2, 3 still in flight
  await settle();
  equal(limiter.limit, 2);
  equal(granted, false);
  limiter.release("failed"); // 2 in flight
  await settle();
  equal(granted, false);
  limiter.release("failed"); // 1 in flight: room for one
  await waiting;
  equal(limiter.inFlight, 2);
});

Deno.test("AdaptiveLimiter.acquire() rejects with the reason when a waiting signal aborts", async () => {
  const limiter = new AdaptiveLimiter({ max: 1, initial: 1 });
  await limiter.acquire();
  const controller = new AbortController();
  const waiting = limiter.acquire(controller.signal);
  const reason = new Error("stop");
  controller.abort(reason);
  await rejects(waiting, (error: unknown) => error === reason);
  // The aborted waiter does not take the slot freed next.
  limiter.release("ok");
  equal(limiter.inFlight, 0);
  await limiter.acquire();
  equal(limiter.inFlight, 1);
});

Deno.test("AdaptiveLimiter.acquire() returns a rejected promise for an aborted signal", async () => {
  const limiter = new AdaptiveLimiter({ max: 4 });
  const reason = new Error("already");
  let acquired: Promise<void>;
  try {
    acquired = limiter.acquire(AbortSignal.abort(reason));
  } catch {
    fail("acquire() threw synchronously instead of returning a rejected promise");
  }
  await rejects(acquired, (e: unknown) => e === reason);
  equal(limiter.inFlight, 0);
});

Deno.test("AdaptiveLimiter does not grow while Twilio reports more requests in flight than its limit", async () => {
  const limiter = new AdaptiveLimiter({ max: 8, initial: 2 });
  for (let i = 0; i < 20; i++) {
    await limiter.acquire();
    limiter.release("ok", 5);
  }
  equal(limiter.limit, 2);
  for (let i = 0; i < 20; i++) {
    await limiter.acquire();
    limiter.release("ok", 1);
  }
  ok(limiter.limit > 2);
});
