/**
 * `main.ts sync` refusing what would break a folder: a second sync while one
 * runs, a half-written full refresh, a folder it cannot use, bad inputs.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import type { CheckedRun } from "./_cli.ts";
import { jsonLines, sizeOf, syncCli, tempFolder } from "./_sync.ts";
import { catalogOf, configFor, daysAgo, identities } from "../_helpers.ts";
import { REGISTRY } from "../../streams/mod.ts";
import { startSimulator } from "../../simulator/mod.ts";

async function slowSimulator() {
  return await startSimulator({
    counts: { messages: 200, calls: 60 },
    pageSizeCap: 5,
    faults: { latencyMs: 30 },
  });
}

Deno.test("main.ts sync refuses a second sync of the same folder at once; SIGTERM leaves the folder consistent", async () => {
  await using sim = await slowSimulator();
  await using dir = await tempFolder();
  const config = configFor(sim, {
    start_date: daysAgo(59),
    lookback_window: 0,
    max_concurrency: 4,
  });
  const args = ["--streams", "messages"];
  let second: CheckedRun | undefined;
  const first = await syncCli(sim, config, dir.path, args, {
    signalWhen: async () => {
      if (second || await sizeOf(`${dir.path}/messages.jsonl`) === 0) return undefined;
      // The first sync is held in its requests while the second starts, however slowly: the
      // refusal needs no request.
      sim.setFaults({ latencyMs: 5_000 });
      second = await syncCli(sim, config, dir.path, args);
      return "SIGTERM";
    },
  });
  ok(second, "the second sync did not run");
  equal(second.code, 1, second.stderr);
  ok(/Another sync is running in .+ \(pid \d+\)/.test(second.stderr), second.stderr);
  equal(first.code, 143, first.stderr);
  const summary = JSON.parse(await Deno.readTextFile(`${dir.path}/last_sync.json`));
  equal(summary.status, "cancelled");
  equal(summary.streams.messages.status, "INCOMPLETE");
  // The lock went with its holder: the next sync runs and completes the history.
  sim.setFaults({ latencyMs: 30 });
  const third = await syncCli(sim, config, dir.path, args);
  equal(third.code, 0, third.stderr);
  const def = REGISTRY.get("messages")!;
  deepEqual(
    identities(def, await jsonLines(`${dir.path}/messages.jsonl`)),
    identities(def, sim.expected("messages", { since: new Date(String(config.start_date)) })),
  );
});

Deno.test("main.ts sync never shows a half-written full refresh, even when killed in the middle of one", async () => {
  await using sim = await slowSimulator();
  await using dir = await tempFolder();
  const config = configFor(sim, { max_concurrency: 2, slice_step: "P30D" });
  const files = { catalog: catalogOf({ calls: "full_refresh" }) };
  const args = ["--catalog", "@catalog"];
  const path = `${dir.path}/calls.jsonl`;
  const def = REGISTRY.get("calls")!;
  // Calls in progress (no end_time yet) are read once they end, in either mode.
  const whole = identities(
    def,
    sim.expected("calls", { since: new Date(String(config.start_date)) }),
  );
  const first = await syncCli(sim, config, dir.path, args, { files });
  equal(first.code, 0, first.stderr);
  deepEqual(identities(def, await jsonLines(path)), whole);
  const complete = await Deno.readTextFile(path);

  const seen: string[] = [];
  const watch = (kill: boolean) => async () => {
    seen.push(await Deno.readTextFile(path));
    return kill && await sizeOf(`${dir.path}/.sync/calls.jsonl.tmp`) > 0 ? "SIGKILL" : undefined;
  };
  const killed = await syncCli(sim, config, dir.path, args, { files, signalWhen: watch(true) });
  ok(killed.code !== 0, "the run ended before the kill");
  equal(
    await Deno.readTextFile(path),
    complete,
    "the previous refresh stays until the next is whole",
  );
  const last = await syncCli(sim, config, dir.path, args, { files, signalWhen: watch(false) });
  equal(last.code, 0, last.stderr);
  ok(seen.length > 2, "the file was not watched");
  for (const text of [...seen, await Deno.readTextFile(path)]) {
    deepEqual(identities(def, text.trimEnd().split("\n").map((l) => JSON.parse(l))), whole);
  }
  deepEqual(
    await Array.fromAsync(Deno.readDir(`${dir.path}/.sync`), (e) => e.name).then((n) => n.sort()),
    [
      "files.json",
      "lock",
    ],
  );
});

Deno.test("main.ts sync refuses a folder it cannot use and bad inputs before any request", async (t) => {
  await using sim = await startSimulator();
  await using dir = await tempFolder();
  const config = configFor(sim);
  const file = `${dir.path}/a-file`;
  await Deno.writeTextFile(file, "");
  // Root writes into a read-only folder: /sys is not writable even for root.
  const readOnly = `${dir.path}/read-only`;
  await Deno.mkdir(readOnly, { mode: 0o500 });
  const writable = await Deno.writeTextFile(`${readOnly}/probe`, "").then(() => true, () => false);
  const notWritable = writable ? "/sys" : readOnly;
  const badState = `${dir.path}/bad-state`;
  await Deno.mkdir(badState);
  await Deno.writeTextFile(`${badState}/state.json`, "{ not json");
  const cases: [string, string, string[], RegExp][] = [
    ["a file", file, [], /Cannot sync into the folder .*a-file: it is a file, not a folder/],
    ["a folder under a file", `${file}/sub`, [], /Cannot sync into the folder .*a-file\/sub: /],
    [
      "a folder it cannot write",
      notWritable,
      [],
      /Cannot sync into the folder .+: .*(permission denied|Deno's permissions refuse it)/,
    ],
    [
      "an unknown stream",
      `${dir.path}/ok`,
      ["--streams", "messages,mesages"],
      /Unknown stream in --streams: mesages/,
    ],
    [
      "a malformed state.json",
      badState,
      [],
      /state\.json is not valid JSON \(delete it to sync everything again\)/,
    ],
  ];
  for (const [name, target, extra, pattern] of cases) {
    await t.step(name, async () => {
      const run = await syncCli(sim, config, target, extra);
      equal(run.code, 1, run.stderr);
      equal(run.stdout, "");
      ok(pattern.test(run.stderr), run.stderr);
      ok(!run.stderr.includes("stream   "), "no summary table for a sync that did not start");
    });
  }
  equal(sim.stats.requests, 0, "a request was made");
});
