import { deepEqual, equal, rejects } from "node:assert/strict";
import { commitCheckpoint, loadCheckpoint, STATE_FILE } from "../../sync/checkpoint.ts";
import { prepareFolder } from "../../sync/folder.ts";
import { parseState } from "../../protocol/state.ts";
import { ConfigError } from "../../pipeline/errors.ts";
import { tempFolder } from "../cli/_sync.ts";

function checkpoint(cursor: string, bytes: number) {
  return {
    states: new Map([["messages", { cursor }]]),
    lengths: new Map([["messages", bytes]]),
    settled: new Map([["messages", 0]]),
  };
}

Deno.test("commitCheckpoint() writes what read --state takes, and loadCheckpoint() gives it back with its lengths", async () => {
  await using dir = await tempFolder();
  await prepareFolder(dir.path);
  deepEqual(await loadCheckpoint(dir.path), {
    states: new Map(),
    lengths: new Map(),
    settled: new Map(),
  });
  await commitCheckpoint(dir.path, checkpoint("2026-01-01", 120));
  const raw = JSON.parse(await Deno.readTextFile(`${dir.path}/${STATE_FILE}`));
  deepEqual(parseState(raw), new Map([["messages", { cursor: "2026-01-01" }]]));
  deepEqual(await loadCheckpoint(dir.path), checkpoint("2026-01-01", 120));
});

Deno.test("loadCheckpoint() after a run killed between the two renames gives the old state with its own lengths", async () => {
  await using dir = await tempFolder();
  await prepareFolder(dir.path);
  await commitCheckpoint(dir.path, checkpoint("2026-01-01", 120));
  const old = await Deno.readTextFile(`${dir.path}/${STATE_FILE}`);
  await commitCheckpoint(dir.path, checkpoint("2026-01-02", 300));
  // files.json is the new one; state.json as the kill left it: the old one.
  await Deno.writeTextFile(`${dir.path}/${STATE_FILE}`, old);
  deepEqual(await loadCheckpoint(dir.path), checkpoint("2026-01-01", 120));
});

Deno.test("loadCheckpoint() takes a state.json written by hand as it is, with no lengths; a malformed one is a ConfigError", async () => {
  await using dir = await tempFolder();
  await prepareFolder(dir.path);
  await commitCheckpoint(dir.path, checkpoint("2026-01-01", 120));
  await Deno.writeTextFile(
    `${dir.path}/${STATE_FILE}`,
    JSON.stringify({ messages: { cursor: "x" } }),
  );
  const loaded = await loadCheckpoint(dir.path);
  deepEqual(loaded.states, new Map([["messages", { cursor: "x" }]]));
  equal(loaded.lengths.size, 0);
  await Deno.writeTextFile(`${dir.path}/${STATE_FILE}`, JSON.stringify([{ type: "GLOBAL" }]));
  await rejects(
    loadCheckpoint(dir.path),
    (e) => e instanceof ConfigError && /GLOBAL/.test(e.message),
  );
});
