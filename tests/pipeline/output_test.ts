import { deepEqual, equal, ok } from "node:assert/strict";
import { ConfigError } from "../../pipeline/errors.ts";
import { Output } from "../../pipeline/output.ts";
import type { AirbyteMessage } from "../../protocol/messages.ts";
import { settle } from "./_helpers.ts";

const NOW = 1_700_000_000_000;

/** Collects everything the output emits until it closes. */
function collect(output: Output): Promise<AirbyteMessage[]> {
  return Array.fromAsync(output.readable).then((batches) => batches.flat());
}

/** A compact description of a message, e.g. `RECORD calls`, `STATE calls 2`. */
function describe(message: AirbyteMessage): string {
  switch (message.type) {
    case "RECORD":
      return `RECORD ${message.record.stream} ${message.record.data.sid}`;
    case "STATE":
      return `STATE ${message.state.stream.stream_descriptor.name} ` +
        `${message.state.sourceStats?.recordCount}`;
    case "TRACE":
      return message.trace.type === "STREAM_STATUS"
        ? `STATUS ${message.trace.stream_status.stream_descriptor.name} ` +
          message.trace.stream_status.status
        : `ERROR ${message.trace.error.message}`;
    case "LOG":
      return `LOG ${message.log.level} ${message.log.message}`;
    default:
      return message.type;
  }
}

Deno.test("Output stamps each STATE with the stream's records since its previous STATE", async () => {
  const output = new Output({ now: () => NOW, highWaterMark: 100 });
  const all = collect(output);
  await output.records("calls", [{ sid: "CA1" }, { sid: "CA2" }]);
  await output.records("messages", [{ sid: "SM1" }]);
  await output.records("calls", [{ sid: "CA3" }]);
  output.state("calls", { cursor: 1 });
  output.state("messages", { cursor: 1 });
  await output.records("calls", [{ sid: "CA4" }]);
  output.state("calls", { cursor: 2 });
  output.state("messages", { cursor: 2 });
  await output.close();
  deepEqual((await all).map(describe), [
    "STATUS calls RUNNING",
    "RECORD calls CA1",
    "RECORD calls CA2",
    "STATUS messages RUNNING",
    "RECORD messages SM1",
    "RECORD calls CA3",
    "STATE calls 3",
    "STATE messages 1",
    "RECORD calls CA4",
    "STATE calls 1",
    "STATE messages 0",
  ]);
});

Deno.test("Output drops a STATE identical to the previous one with no record in between", async () => {
  const output = new Output({ now: () => NOW, highWaterMark: 100 });
  const all = collect(output);
  output.state("calls", { cursor: "a" });
  output.state("calls", { cursor: "a" });
  output.state("messages", { cursor: "a" });
  await output.records("calls", [{ sid: "CA1" }]);
  output.state("calls", { cursor: "a" });
  output.state("calls", { cursor: "b" });
  output.state("calls", { cursor: "b" });
  await output.close();
  deepEqual((await all).map(describe), [
    "STATE calls 0",
    "STATE messages 0",
    "STATUS calls RUNNING",
    "RECORD calls CA1",
    "STATE calls 1",
    "STATE calls 0",
  ]);
  equal(output.counters("calls").states, 3);
  equal(output.counters("calls").records, 1);
});

Deno.test("Output emits RUNNING once, before the first record of each stream", async () => {
  const output = new Output({ now: () => NOW, highWaterMark: 100 });
  const all = collect(output);
  output.status("calls", "STARTED");
  await output.records("calls", []);
  await output.records("calls", [{ sid: "CA1" }]);
  await output.records("calls", [{ sid: "CA2" }]);
  output.status("calls", "COMPLETE");
  await output.close();
  deepEqual((await all).map(describe), [
    "STATUS calls STARTED",
    "STATUS calls RUNNING",
    "RECORD calls CA1",
    "RECORD calls CA2",
    "STATUS calls COMPLETE",
  ]);
});

Deno.test("Output writes records with the stream, data and the injected clock", async () => {
  const output = new Output({ now: () => NOW, highWaterMark: 100 });
  const all = collect(output);
  await output.records("calls", [{ sid: "CA1", to: "+1" }]);
  await output.close();
  const messages = await all;
  deepEqual(messages[1], {
    type: "RECORD",
    record: { stream: "calls", data: { sid: "CA1", to: "+1" }, emitted_at: NOW },
  });
});

Deno.test("Output writes STATE messages in the per-stream shape", async () => {
  const output = new Output({ now: () => NOW });
  const all = collect(output);
  output.state("calls", { states: [] });
  await output.close();
  deepEqual(await all, [{
    type: "STATE",
    state: {
      type: "STREAM",
      stream: { stream_descriptor: { name: "calls" }, stream_state: { states: [] } },
      sourceStats: { recordCount: 0 },
    },
  }]);
});

Deno.test("Output writes errors and logs", async () => {
  const output = new Output({ now: () => NOW });
  const all = collect(output);
  output.error(new ConfigError("Bad state", { stream: "calls", internal: "detail" }));
  output.log("WARN", "careful");
  await output.close();
  deepEqual(await all, [
    {
      type: "TRACE",
      trace: {
        type: "ERROR",
        emitted_at: NOW,
        error: {
          message: "Bad state",
          failure_type: "config_error",
          internal_message: "detail",
          stream_descriptor: { name: "calls" },
        },
      },
    },
    { type: "LOG", log: { level: "WARN", message: "careful" } },
  ]);
});

Deno.test("Output.records() waits while the reader is behind", async () => {
  const output = new Output({ now: () => NOW, highWaterMark: 2 });
  let resolved = 0;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < 6; i++) {
    pending.push(output.records("calls", [{ sid: `CA${i}` }]).then(() => void resolved++));
  }
  await settle();
  const before = resolved;
  ok(before < 6, `all ${before} writes went through without a reader`);
  ok(before <= 2, `${before} writes went through with a high-water mark of 2`);
  await settle();
  equal(resolved, before);

  const reader = output.readable.getReader();
  const read: AirbyteMessage[] = [];
  while (resolved < 6) {
    const { value } = await reader.read();
    read.push(...value!);
    await settle();
  }
  await Promise.all(pending);
  const closing = output.close();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    read.push(...value);
  }
  await closing;
  equal(read.filter((m) => m.type === "RECORD").length, 6);
});

Deno.test("Output holds at most highWaterMark record batches, however many producers wait", async () => {
  const output = new Output({ now: () => NOW, highWaterMark: 2 });
  const producers = Array.from(
    { length: 8 },
    (_, i) => output.records("calls", [{ sid: `CA${i}` }]),
  );
  await settle();
  equal(output.counters("calls").records, 2, "two batches queued, six producers still waiting");
  const reader = output.readable.getReader();
  for (let read = 1; read <= 6; read++) {
    await reader.read();
    await settle();
    // Each read makes room for one batch: the waiting producers do not all rush in.
    equal(output.counters("calls").records, 2 + read);
  }
  await Promise.all(producers);
  reader.releaseLock();
});

Deno.test("Output.abort() errors the readable side", async () => {
  const output = new Output();
  const reason = new Error("failed");
  output.abort(reason);
  let caught: unknown;
  try {
    await Array.fromAsync(output.readable);
  } catch (error) {
    caught = error;
  }
  equal(caught, reason);
});
