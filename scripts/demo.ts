/**
 * `deno task demo`: starts the built-in Twilio simulator, runs a full read of
 * every stream against it, writes the protocol output to
 * `demo-output/output.jsonl` and prints a summary on stderr.
 *
 * @module
 */
import { Progress } from "../cli/progress.ts";
import { SerializeStream } from "../pipeline/serialize.ts";
import { readRun } from "../source.ts";
import { startSimulator } from "../simulator/mod.ts";
import { STREAMS } from "../streams/mod.ts";
import { airbyteStream } from "../streams/catalog.ts";

const OUT_DIR = "demo-output";

await using sim = await startSimulator({ seed: 7 });
const startDate = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 19) + "Z";
const config = {
  account_sid: sim.accountSid,
  auth_token: sim.authToken,
  start_date: startDate,
  base_url: sim.url,
};
const catalog = {
  streams: STREAMS.map((def) => {
    const stream = airbyteStream(def);
    const incremental = stream.supported_sync_modes.includes("incremental");
    return {
      stream,
      sync_mode: incremental ? "incremental" : "full_refresh",
      destination_sync_mode: incremental ? "append" : "overwrite",
    };
  }),
};
await Deno.mkdir(OUT_DIR, { recursive: true });
await Deno.writeTextFile(`${OUT_DIR}/config.json`, JSON.stringify(config, null, 2));
await Deno.writeTextFile(`${OUT_DIR}/catalog.json`, JSON.stringify(catalog, null, 2));

console.error(`Simulator at ${sim.url}; reading ${STREAMS.length} streams since ${startDate}`);
const progress = new Progress();
const run = readRun(config, catalog, { onHttpEvent: progress.http });
const file = await Deno.open(`${OUT_DIR}/output.jsonl`, {
  write: true,
  create: true,
  truncate: true,
});
await run.readable
  .pipeThrough(progress.tap())
  .pipeThrough(new SerializeStream({ secrets: [sim.authToken] }))
  .pipeTo(file.writable);
const outcome = await run.outcome;
progress.finish();
const failed = [...outcome.entries()].filter(([, o]) => o.status !== "COMPLETE");
console.error(`Protocol output: ${OUT_DIR}/output.jsonl (config and catalog beside it)`);
if (failed.length > 0) {
  console.error(`Incomplete: ${failed.map(([name]) => name).join(", ")}`);
  Deno.exit(1);
}
