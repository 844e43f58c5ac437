/**
 * What a read keeps in memory: a page it has emitted is garbage while the
 * reader waits on Twilio for the next one. Needs `--v8-flags=--expose-gc`
 * (`deno task test` passes it).
 */
import { equal, ok } from "node:assert/strict";
import { readRun } from "../../source.ts";
import { startSimulator } from "../../simulator/mod.ts";
import type { AirbyteMessage } from "../../protocol/messages.ts";
import { catalogOf, configFor } from "../_helpers.ts";

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Weak references to the records of the first batch that has any. A function
 * of its own, so that no variable of the test's suspended frame holds a batch.
 */
async function firstRecords(
  reader: ReadableStreamDefaultReader<AirbyteMessage[]>,
): Promise<WeakRef<object>[]> {
  const weak: WeakRef<object>[] = [];
  while (weak.length === 0) {
    const { value, done } = await reader.read();
    ok(!done, "the read ended before its first page was out");
    for (const message of value) {
      if (message.type === "RECORD") weak.push(new WeakRef(message.record.data));
    }
  }
  return weak;
}

Deno.test({
  name: "a list reader holds no page it emitted while it waits for the next one",
  ignore: gc === undefined,
  async fn() {
    await using sim = await startSimulator({ seed: 51, subaccounts: 0, pageSizeCap: 5 });
    let arrived!: () => void;
    const parked = new Promise<void>((resolve) => arrived = resolve);
    let release!: () => void;
    const held = new Promise<void>((resolve) => release = resolve);
    let messagePages = 0;
    // The second page of messages waits until the test has looked at the heap.
    const fetch: typeof globalThis.fetch = async (input, init) => {
      if (String(input).includes("/Messages.json") && ++messagePages === 2) {
        arrived();
        await held;
      }
      return await globalThis.fetch(input, init);
    };
    const config = configFor(sim, { max_concurrency: 1, slice_step: "P3650D" });
    const run = readRun(config, catalogOf(["messages"]), { fetch, now: () => sim.now });
    const reader = run.readable.getReader();
    // The first page's records: all five, or those newer than its oldest second when the
    // window is cut there (the rest of the window is read from the next request on).
    const weak = await firstRecords(reader);
    ok(weak.length >= 1 && weak.length <= 5, `the first page is one batch (${weak.length})`);
    await parked;
    // WeakRefs keep their targets until the job that made them ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc!();
    const alive = weak.filter((ref) => ref.deref() !== undefined).length;
    release();
    equal(alive, 0, `${alive} records of the first page still held while the second is fetched`);
    while (!(await reader.read()).done) {
      // Drain the rest of the read.
    }
    await run.outcome;
  },
});
