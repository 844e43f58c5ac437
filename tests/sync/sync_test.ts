import { deepEqual, equal, ok } from "node:assert/strict";
import { startSimulator, sync } from "../../mod.ts";
import { configFor } from "../_helpers.ts";
import { jsonLines, tempFolder } from "../cli/_sync.ts";

Deno.test("sync() reports rejected credentials as a failed sync and leaves the folder as it was", async () => {
  await using sim = await startSimulator();
  await using dir = await tempFolder();
  const config = configFor(sim);
  const first = await sync(config, { dir: dir.path, streams: ["queues", "messages"] });
  equal(first.status, "succeeded");
  const before = await Deno.readTextFile(`${dir.path}/state.json`);
  const queues = await jsonLines(`${dir.path}/queues.jsonl`);
  const failed = await sync({ ...config, auth_token: "wrong-token" }, {
    dir: dir.path,
    streams: ["queues", "messages"],
  });
  equal(failed.status, "failed");
  ok(/credentials/.test(failed.error ?? ""), failed.error);
  deepEqual(Object.values(failed.streams).map((s) => s.status), ["INCOMPLETE", "INCOMPLETE"]);
  equal(await Deno.readTextFile(`${dir.path}/state.json`), before);
  deepEqual(await jsonLines(`${dir.path}/queues.jsonl`), queues, "the last whole refresh stays");
  const saved = JSON.parse(await Deno.readTextFile(`${dir.path}/last_sync.json`));
  deepEqual(saved, failed);
});

Deno.test("sync() stopped by its signal is cancelled, keeps what it committed and releases the folder", async () => {
  await using sim = await startSimulator({ pageSizeCap: 5 });
  await using dir = await tempFolder();
  const config = configFor(sim);
  const controller = new AbortController();
  const stopped = await sync(config, {
    dir: dir.path,
    streams: ["messages"],
    signal: controller.signal,
    commitEveryMs: 0,
    onMessages: (batch) => {
      if (batch.some((m) => m.type === "STATE")) controller.abort();
    },
  });
  equal(stopped.status, "cancelled");
  equal(stopped.streams.messages!.status, "INCOMPLETE");
  // Every line the file holds is covered by the committed state: counted in the summary.
  equal((await jsonLines(`${dir.path}/messages.jsonl`)).length, stopped.streams.messages!.records);
  const resumed = await sync(config, { dir: dir.path, streams: ["messages"] });
  equal(resumed.status, "succeeded");
  const sids = (await jsonLines(`${dir.path}/messages.jsonl`)).map((r) => r.sid);
  equal(new Set(sids).size, sids.length, "no record twice");
});

Deno.test("sync() with a signal stopped before it starts reads nothing and says cancelled", async () => {
  await using sim = await startSimulator();
  await using dir = await tempFolder();
  const summary = await sync(configFor(sim), {
    dir: dir.path,
    streams: ["messages", "queues"],
    signal: AbortSignal.abort(),
  });
  equal(summary.status, "cancelled");
  equal(sim.stats.requests, 0);
  deepEqual(await jsonLines(`${dir.path}/messages.jsonl`), []);
  deepEqual(
    await Array.fromAsync(Deno.readDir(`${dir.path}/.sync`), (e) => e.name).then((n) => n.sort()),
    [
      "files.json",
      "lock",
    ],
  );
});
