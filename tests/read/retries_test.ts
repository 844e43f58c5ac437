/**
 * When a sync stops retrying, through `read()` against the simulator: one
 * request that exhausts `max_retries`, a sync in which nothing succeeds for a
 * long time (by the injected clock), and an old config's `retry_budget`, which
 * no longer ends a sync that keeps making progress.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { catalogOf, errorsOf, logsOf, readAll, statusesOf } from "../_helpers.ts";
import { configAt, simAt } from "./_clock.ts";

Deno.test("a request that exhausts max_retries is a transient_error naming it", async () => {
  await using sim = await simAt({ seed: 28, faults: { rate5xx: 1 } });
  const messages = await readAll(configAt(sim, { max_retries: 2 }), catalogOf(["trunks"]), {
    now: () => sim.now,
    backoffBaseMs: 1,
  });
  const error = errorsOf(messages)[0]!;
  equal(error.failure_type, "transient_error");
  ok(/gave up after 2 retries of this request/.test(error.message), error.message);
  equal(statusesOf(messages, "trunks").at(-1), "INCOMPLETE");
});

Deno.test("a sync in which nothing succeeds for 15 minutes is a transient_error naming the stall", async () => {
  await using sim = await simAt({ seed: 31, faults: { rate5xx: 1, maxFaultsInARow: Infinity } });
  let clock = sim.now;
  const waits: number[] = [];
  const messages = await readAll(configAt(sim, { max_retries: 50 }), catalogOf(["trunks"]), {
    now: () => clock,
    random: () => 0.5,
    sleep: (ms) => {
      waits.push(ms);
      clock += ms;
      return Promise.resolve();
    },
  });
  const errors = errorsOf(messages);
  equal(errors.length, 1);
  equal(errors[0]!.failure_type, "transient_error");
  ok(
    errors[0]!.message.includes(
      "the sync stopped making progress: no request has succeeded for 903 s (the limit is 900 s)",
    ),
    errors[0]!.message,
  );
  // Backoff of 0.375 s doubling up to 45 s: the 26th wait is the first past 15 minutes.
  equal(waits.length, 26, "long before its 50 retries were spent");
  equal(statusesOf(messages, "trunks").at(-1), "INCOMPLETE");
});

Deno.test("retry_budget of an old config is accepted and no longer ends a sync that keeps making progress", async () => {
  await using sim = await simAt({
    seed: 32,
    pageSizeCap: 3,
    faults: { rate429: 0.3, rate5xx: 0.05, retryAfter: 0 },
  });
  let retries = 0;
  const catalog = catalogOf(["messages", "calls", "conferences", "trunks"]);
  const messages = await readAll(configAt(sim, { retry_budget: 3 }), catalog, {
    now: () => sim.now,
    sleep: () => {
      retries++;
      return Promise.resolve();
    },
  });
  ok(retries > 3, `${retries} retries, more than the old budget of 3`);
  deepEqual(errorsOf(messages), []);
  for (const name of ["messages", "calls", "conferences", "trunks"]) {
    equal(statusesOf(messages, name).at(-1), "COMPLETE", name);
  }
  ok(
    logsOf(messages, "WARN").some((m) => /retry_budget is no longer used/.test(m)),
    "the config is told that retry_budget is replaced",
  );
});
