import { equal, notEqual, ok } from "node:assert/strict";
import { cli, lastStreamState, writeFiles } from "./_cli.ts";
import {
  catalogOf,
  configFor,
  daysAgo,
  errorsOf,
  finalStates,
  recordsOf,
  sidsOf,
  statusesOf,
} from "../_helpers.ts";
import { parseProtocolLines } from "../_protocol.ts";
import { runArgs } from "../../scripts/compile.ts";
import { type Simulator, startSimulator } from "../../simulator/mod.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const STATE_AFTER_RECORDS = /"type":"RECORD"[^]*"type":"STATE"/;

/** A simulator slow enough that a read of `messages` takes a few seconds. */
async function slowSimulator(): Promise<Simulator> {
  return await startSimulator({
    counts: { messages: 200 },
    pageSizeCap: 5,
    faults: { latencyMs: 30 },
  });
}

Deno.test("main.ts read stopped by SIGTERM prints whole lines; a read from its last STATE completes it", async () => {
  await using sim = await slowSimulator();
  // The simulator's messages span the last 60 days: starting inside them, records come first.
  const config = configFor(sim, {
    start_date: daysAgo(59),
    lookback_window: 0,
    max_concurrency: 4,
  });
  const catalog = catalogOf(["messages"]);
  const options = { secrets: [sim.authToken] };
  const args = ["read", "--config", "@config", "--catalog", "@catalog"];

  // cli() asserts that every line printed, the last one too, is a whole protocol message.
  const first = await cli(args, { config, catalog }, {
    ...options,
    signalAfter: (stdout) => STATE_AFTER_RECORDS.test(stdout) ? "SIGTERM" : undefined,
  });
  notEqual(first.code, 0, "a read stopped by a signal must not look successful");
  equal(statusesOf(first.messages, "messages").at(-1), "INCOMPLETE");
  ok(recordsOf(first.messages, "messages").length > 0);
  ok(lastStreamState(first.messages, "messages"), "no STATE before the signal");

  const second = await cli([...args, "--state", "@state"], {
    config,
    catalog,
    state: finalStates(first.messages),
  }, options);
  equal(second.code, 0, second.stderr);
  equal(errorsOf(second.messages).length, 0, second.stdout);
  equal(statusesOf(second.messages, "messages").at(-1), "COMPLETE");
  ok(recordsOf(second.messages, "messages").length > 0, "the second read found nothing left");

  const since = new Date(String(config.start_date));
  const read = new Set([
    ...sidsOf(recordsOf(first.messages, "messages")),
    ...sidsOf(recordsOf(second.messages, "messages")),
  ]);
  const missed = sidsOf(sim.expected("messages", { since })).filter((sid) => !read.has(sid));
  equal(missed.length, 0, `records neither read returned: ${missed.slice(0, 5).join(", ")}`);
});

Deno.test("main.ts read exits quietly when the reader closes stdout", async () => {
  await using sim = await slowSimulator();
  const dir = await Deno.makeTempDir({ prefix: "twilio-source-test-" });
  try {
    const paths = await writeFiles(dir, {
      config: configFor(sim),
      catalog: catalogOf(["messages", "calls"]),
    });
    const script = `"$0" "$@" | head -n 1`;
    const args = [...runArgs(MAIN), "read", "--config", paths.config!, "--catalog", paths.catalog!];
    const output = await new Deno.Command("sh", {
      args: ["-c", script, Deno.execPath(), ...args],
      stdout: "piped",
      stderr: "piped",
      stdin: "null",
      env: { NO_COLOR: "1" },
    }).output();
    const stdout = new TextDecoder().decode(output.stdout);
    const stderr = new TextDecoder().decode(output.stderr);
    equal(output.code, 0, stderr);
    equal((await parseProtocolLines(stdout)).length, 1, stdout);
    ok(!/error|panic|broken pipe|^ {4}at /im.test(stderr), stderr);
    ok(!stderr.includes(sim.authToken), "stderr leaks the auth token");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
