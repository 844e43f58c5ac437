import { deepEqual, equal } from "node:assert/strict";
import { AccountLimiter } from "../../pipeline/account_limiter.ts";
import { settle } from "./_helpers.ts";

Deno.test("AccountLimiter: a 429 lowers the throttled account's limit only", async () => {
  const limiter = new AccountLimiter({ max: 10, initial: 4 });
  for (let i = 0; i < 4; i++) await limiter.acquire(undefined, "A");
  for (let i = 0; i < 4; i++) limiter.release("throttled", undefined, "A");
  equal(limiter.of("A").limit, 2);
  equal(limiter.of("B").limit, 4);
});

Deno.test("AccountLimiter: requests queued on a throttled account hold no global slot", async () => {
  const limiter = new AccountLimiter({ max: 4, initial: 1 });
  await limiter.acquire(undefined, "A");
  const order: string[] = [];
  // Ten more requests of A wait on A's limit of 1, not on the global four.
  const queued = Array.from(
    { length: 10 },
    () => limiter.acquire(undefined, "A").then(() => order.push("A")),
  );
  const others = ["B", "C", "D"].map((account) =>
    limiter.acquire(undefined, account).then(() => order.push(account))
  );
  await Promise.all(others);
  deepEqual(order, ["B", "C", "D"], "the other accounts got their slots at once");
  equal(limiter.inFlight, 4);
  for (const account of ["B", "C", "D"]) limiter.release("ok", undefined, account);
  await settle();
  deepEqual(order, ["B", "C", "D"], "A still waits for its own slot");
  limiter.release("ok", undefined, "A");
  await settle();
  deepEqual(order.slice(0, 4), ["B", "C", "D", "A"], "its next requests take the slots it freed");
  while (order.length < 13) {
    limiter.release("ok", undefined, "A");
    await settle();
  }
  await Promise.all(queued);
  equal(limiter.peak, 4);
});

Deno.test("AccountLimiter: the global bound holds over every account", async () => {
  const limiter = new AccountLimiter({ max: 3, initial: 3 });
  const started: string[] = [];
  const all = ["A", "B", "C", "D", "E"].map((a) =>
    limiter.acquire(undefined, a).then(() => started.push(a))
  );
  await settle();
  deepEqual(started, ["A", "B", "C"]);
  limiter.release("ok", undefined, "A");
  await settle();
  deepEqual(started, ["A", "B", "C", "D"]);
  for (const a of ["B", "C", "D"]) limiter.release("ok", undefined, a);
  await Promise.all(all);
  equal(limiter.peak, 3);
});

Deno.test("AccountLimiter.share(): with several accounts, one holds at most half the global slots", async () => {
  const limiter = new AccountLimiter({ max: 10, initial: 10 });
  limiter.share(3);
  let started = 0;
  const slow = Array.from(
    { length: 10 },
    () => limiter.acquire(undefined, "slow").then(() => started++),
  );
  await settle();
  equal(started, 5, "the slow account's ceiling");
  await Promise.all(["B", "C", "D", "E", "F"].map((a) => limiter.acquire(undefined, a)));
  equal(limiter.inFlight, 10, "the others got the rest at once");
  for (let i = 0; i < 10; i++) limiter.release("ok", undefined, i < 5 ? "slow" : "BCDEF"[i - 5]);
  await Promise.all(slow);
  equal(started, 10);
});
