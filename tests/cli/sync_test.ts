/**
 * `main.ts sync` against the simulator: consecutive syncs, runs killed at
 * several points, a concurrent second sync, full refreshes swapped in whole,
 * and bad folders refused before any request.
 */
import { deepEqual, equal, notEqual, ok } from "node:assert/strict";
import { cursorsOf } from "./_cli.ts";
import { assertNoSecretIn, jsonLines, sizeOf, syncCli, tempFolder } from "./_sync.ts";
import { cli } from "./_cli.ts";
import { catalogOf, configFor, daysAgo, errorsOf, identities } from "../_helpers.ts";
import type { JsonObject } from "../../protocol/messages.ts";
import { REGISTRY } from "../../streams/mod.ts";
import { startSimulator } from "../../simulator/mod.ts";

const MESSAGES = REGISTRY.get("messages")!;

/** The sorted identities of what `sim` holds for `stream` (since `since` for incremental ones). */
function expectedIds(
  sim: { expected: (s: string, o?: { since?: Date }) => JsonObject[] },
  stream: string,
  since?: string,
) {
  const def = REGISTRY.get(stream)!;
  const rows = sim.expected(stream, since === undefined ? {} : { since: new Date(since) });
  return identities(def, rows);
}

async function idsIn(dir: string, stream: string): Promise<string[]> {
  return identities(REGISTRY.get(stream)!, await jsonLines(`${dir}/${stream}.jsonl`));
}

Deno.test("main.ts sync twice, with new and changed records in between, writes every record once, plus the lookback's", async () => {
  // The simulator's clock an hour behind: records it adds later are still in the past for the CLI.
  await using sim = await startSimulator({
    seed: 11,
    now: Date.now() - 3_600_000,
    counts: { messages: 20, queues: 3 },
  });
  await using dir = await tempFolder();
  const lookbackMinutes = 120;
  const config = configFor(sim, {
    start_date: daysAgo(30, sim.now),
    lookback_window: lookbackMinutes,
  });
  const streams = ["--streams", "messages,queues"];
  const first = await syncCli(sim, config, dir.path, streams);
  equal(first.code, 0, first.stderr);
  equal(first.stdout, "", "sync prints nothing on stdout");
  const firstMessages = await jsonLines(`${dir.path}/messages.jsonl`);
  deepEqual(
    identities(MESSAGES, firstMessages),
    expectedIds(sim, "messages", config.start_date as string),
  );
  const state = JSON.parse(await Deno.readTextFile(`${dir.path}/state.json`)) as JsonObject[];
  const messagesState = state.find((s) =>
    (s.stream as { stream_descriptor: { name: string } }).stream_descriptor.name === "messages"
  )!;
  const cursors = cursorsOf(
    (messagesState.stream as JsonObject).stream_state as JsonObject,
    "date_sent",
  );
  const reread = Math.min(...cursors.values()) - lookbackMinutes * 60_000;

  const change = sim.mutate({ advanceMs: 30 * 60_000, messages: 4, calls: 0, changes: 3 });
  const second = await syncCli(sim, config, dir.path, streams);
  equal(second.code, 0, second.stderr);
  const all = await jsonLines(`${dir.path}/messages.jsonl`);
  const current = new Map(sim.expected("messages").map((r) => [r.sid, r]));
  deepEqual(
    [...new Set(identities(MESSAGES, all))],
    expectedIds(sim, "messages", config.start_date as string),
    "every message, the new ones too",
  );
  const seen = new Map<unknown, number>();
  for (const record of all) seen.set(record.sid, (seen.get(record.sid) ?? 0) + 1);
  for (const [sid, count] of seen) {
    // One copy more for a new version (fetched again as unsettled), one for the lookback's re-read.
    const record = current.get(sid)!;
    const changed = change.changed.messages.includes(String(sid)) ? 1 : 0;
    const inLookback = Date.parse(String(record.date_sent)) >= reread ? 1 : 0;
    ok(count <= 1 + changed + inLookback, `${sid} written ${count} times`);
  }
  for (const sid of change.changed.messages.filter((s) => seen.has(s))) {
    const last = all.findLast((r) => r.sid === sid)!;
    equal(last.status, current.get(sid)!.status, `${sid}: the last line is the new version`);
  }
  // A full refresh replaces its file.
  deepEqual(await idsIn(dir.path, "queues"), expectedIds(sim, "queues"));

  const summary = JSON.parse(await Deno.readTextFile(`${dir.path}/last_sync.json`));
  equal(summary.status, "succeeded");
  equal(summary.streams.messages.records, all.length - firstMessages.length);
  equal(summary.streams.queues.records, expectedIds(sim, "queues").length);
  const saved = JSON.parse(await Deno.readTextFile(`${dir.path}/state.json`)) as JsonObject[];
  deepEqual(summary.streams.messages.state, (saved[0]!.stream as JsonObject).stream_state);
  await assertNoSecretIn(dir.path, sim);

  // state.json is what `read --state` takes.
  const read = await cli(
    ["read", "--config", "@config", "--catalog", "@catalog", "--state", `${dir.path}/state.json`],
    { config, catalog: catalogOf(["messages"]) },
    { secrets: [sim.authToken] },
  );
  equal(read.code, 0, read.stderr);
  deepEqual(errorsOf(read.messages), []);
});

Deno.test("main.ts sync killed (SIGKILL) at several points, then run again, has every record exactly once", async () => {
  await using sim = await startSimulator({
    counts: { messages: 200, applications: 60 },
    pageSizeCap: 5,
    faults: { latencyMs: 30 },
  });
  await using dir = await tempFolder();
  const config = configFor(sim, {
    start_date: daysAgo(59),
    lookback_window: 0,
    max_concurrency: 4,
  });
  const args = ["--streams", "messages,applications", "--commit-every", "0"];
  const messagesFile = `${dir.path}/messages.jsonl`;
  const stateFile = `${dir.path}/state.json`;
  const readState = () => Deno.readTextFile(stateFile).catch(() => "");
  const points: [string, () => Promise<() => Promise<boolean>>][] = [
    [
      "after records were appended",
      () => Promise.resolve(async () => await sizeOf(messagesFile) > 0),
    ],
    ["right after a state commit", async () => {
      const before = await readState();
      return async () => (await readState()) !== before;
    }],
    [
      "in the middle of a full refresh",
      () =>
        Promise.resolve(async () => await sizeOf(`${dir.path}/.sync/applications.jsonl.tmp`) > 0),
    ],
    ["past the last commit, mid-page", async () => {
      const start = await sizeOf(messagesFile);
      return async () => await sizeOf(messagesFile) > start + 3000;
    }],
  ];
  for (const [point, arm] of points) {
    const reached = await arm();
    const killed = await syncCli(sim, config, dir.path, args, {
      signalWhen: async () => (await reached()) ? "SIGKILL" : undefined,
    });
    notEqual(killed.code, 0, `killed ${point}: the run ended before the kill`);
    const applications = await idsIn(dir.path, "applications");
    ok(
      applications.length === 0 ||
        deepEqual(applications, expectedIds(sim, "applications")) === undefined,
      `killed ${point}: applications.jsonl is a whole refresh or none`,
    );
  }
  const last = await syncCli(sim, config, dir.path, ["--streams", "messages,applications"]);
  equal(last.code, 0, last.stderr);
  deepEqual(
    await idsIn(dir.path, "messages"),
    expectedIds(sim, "messages", config.start_date as string),
    "every message exactly once",
  );
  deepEqual(await idsIn(dir.path, "applications"), expectedIds(sim, "applications"));
  const internal = await Array.fromAsync(Deno.readDir(`${dir.path}/.sync`), (e) => e.name);
  deepEqual(internal.sort(), ["files.json", "lock"], "no temporary file is left");
});
