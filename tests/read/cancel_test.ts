/**
 * A consumer that stops reading ends the sync: `break` out of `read()`, or a
 * cancelled reader of `readRun()`, stops the requests and settles the outcome
 * instead of leaving the read running into a closed output.
 */
import { equal, ok } from "node:assert/strict";
import { read, readRun } from "../../source.ts";
import { startSimulator } from "../../simulator/mod.ts";
import { catalogOf, configFor } from "../_helpers.ts";
import { settle } from "../pipeline/_helpers.ts";

Deno.test("readRun(): cancelling the reader stops the sync and settles its outcome", async () => {
  await using sim = await startSimulator({ seed: 31, subaccounts: 0, pageSizeCap: 5 });
  const config = configFor(sim, { max_concurrency: 2 });
  const catalog = catalogOf(["messages", "calls"]);
  const run = readRun(config, catalog, { now: () => sim.now });
  const reader = run.readable.getReader();
  let records = 0;
  while (records === 0) {
    const { value, done } = await reader.read();
    ok(!done, "the read ended before its first record");
    records += value.filter((m) => m.type === "RECORD").length;
  }
  await reader.cancel();
  const outcome = await run.outcome;
  const requests = sim.stats.requests;
  ok(
    [...outcome.values()].some((o) => o.status === "INCOMPLETE"),
    "a stream was cut short",
  );
  sim.resetStats();
  const full = await Array.fromAsync(read(config, catalog, { now: () => sim.now }));
  ok(requests < sim.stats.requests / 2, `${requests} requests after the cancel vs a full read`);
  ok(full.length > 0);
});

Deno.test("read(): a break out of the loop leaves no error behind", async () => {
  await using sim = await startSimulator({ seed: 32, subaccounts: 0, pageSizeCap: 5 });
  let seen = 0;
  for await (
    const message of read(configFor(sim), catalogOf(["messages"]), { now: () => sim.now })
  ) {
    if (message.type === "RECORD" && ++seen === 3) break;
  }
  equal(seen, 3);
  // The read stops by itself: give its settling a few turns of the event loop, in which an
  // unhandled rejection (the old closed-output error) would fail this test.
  for (let i = 0; i < 20; i++) await settle();
});
