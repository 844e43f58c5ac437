/**
 * Crash and resume: the CLI is killed after its k-th STATE line; a new sync
 * started from the last STATE it printed must return every record the first
 * one had not covered. Killed with SIGKILL, so nothing is flushed on the way out.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { startSimulator } from "../../simulator/mod.ts";
import type { JsonObject } from "../../protocol/messages.ts";
import { catalogOf, configFor, daysAgo, runCli } from "../_helpers.ts";
import { parseProtocolLines } from "../_protocol.ts";

const STREAMS = ["messages", "message_media", "calls", "usage_records"];

function complete(stdout: string): string {
  return stdout.slice(0, stdout.lastIndexOf("\n") + 1);
}

function count(stdout: string, type: string): number {
  return stdout.split("\n").filter((l) => l.startsWith(`{"type":"${type}"`)).length;
}

Deno.test("a sync killed after its k-th STATE resumes from it with no gap", async () => {
  await using sim = await startSimulator({ seed: 12, pageSizeCap: 5, faults: { latencyMs: 5 } });
  const config = configFor(sim, { start_date: daysAgo(20, sim.now), max_concurrency: 4 });
  const since = new Date(String(config.start_date));
  const catalog = catalogOf(STREAMS);
  for (const k of [1, 5, 15]) {
    const first = await runCli(["read", "--config", "@config", "--catalog", "@catalog"], {
      config,
      catalog,
    }, { signalAfter: (out) => count(out, "STATE") >= k ? "SIGKILL" : undefined });
    const before = await parseProtocolLines(complete(first.stdout));
    const last = new Map<string, JsonObject>();
    for (const m of before) {
      if (m.type === "STATE") {
        const state = m.state as { stream: { stream_descriptor: { name: string } } };
        last.set(state.stream.stream_descriptor.name, state as unknown as JsonObject);
      }
    }
    ok(last.size > 0, `k=${k}: the first run printed a STATE`);
    const second = await runCli(
      ["read", "--config", "@config", "--catalog", "@catalog", "--state", "@state"],
      { config, catalog, state: [...last.values()] },
    );
    equal(second.code, 0, `k=${k}: the resumed sync completes: ${second.stderr}`);
    const after = await parseProtocolLines(second.stdout);
    for (const stream of STREAMS) {
      const got = new Set(
        [...before, ...after].flatMap((m) => {
          const r = m.record as { stream: string; data: JsonObject } | undefined;
          return m.type === "RECORD" && r?.stream === stream ? [keyOf(stream, r.data)] : [];
        }),
      );
      const expected = (sim.expected(stream, { since }) as JsonObject[]).map((r) =>
        keyOf(stream, r)
      );
      const missing = expected.filter((key) => !got.has(key));
      deepEqual(missing, [], `k=${k}: ${stream} lost nothing`);
    }
  }
});

function keyOf(stream: string, record: JsonObject): string {
  return stream === "usage_records"
    ? `${record.account_sid}|${record.category}|${record.start_date}`
    : String(record.sid);
}
