/**
 * A latency-bound read: every stream of the catalog from a simulator that
 * waits 50 ms before each answer, with the connector's concurrency at 10 and
 * at 1. With latency dominating, wall time should approach
 * requests × latency / concurrency.
 *
 * @module
 */
import { readRun } from "../source.ts";
import { STREAMS } from "../streams/mod.ts";
import { catalogOf, configFor } from "../tests/_helpers.ts";
import type { SimulatorProcess } from "./_sim_process.ts";
import type { JsonObject } from "../protocol/messages.ts";

/** What one read did. */
export interface ReadFigures {
  concurrency: number;
  streams: number;
  wallMs: number;
  requests: number;
  retries: number;
  records: number;
  /** Streams that did not end COMPLETE, with the reason. */
  incomplete: string[];
}

/** Every stream name, in registry order. */
export const ALL_STREAMS: readonly string[] = STREAMS.map((def) => def.name);

/** Reads `streams` from `sim` at `concurrency` (and `config` settings), counting requests and records. */
export async function timedRead(
  sim: SimulatorProcess,
  concurrency: number,
  streams: readonly string[] = ALL_STREAMS,
  config: JsonObject = {},
): Promise<ReadFigures> {
  let requests = 0;
  let retries = 0;
  const started = performance.now();
  const settings = { max_concurrency: concurrency, ...config };
  const run = readRun(configFor(sim, settings), catalogOf(streams), {
    onHttpEvent: (event) => {
      if (event.type === "response") requests++;
      else retries++;
    },
  });
  await run.readable.pipeTo(new WritableStream());
  const outcome = await run.outcome;
  const wallMs = performance.now() - started;
  const records = [...outcome.values()].reduce((sum, o) => sum + o.records, 0);
  const incomplete = [...outcome].filter(([, o]) => o.status !== "COMPLETE")
    .map(([name, o]) => `${name}: ${o.error?.message ?? o.status}`);
  return {
    concurrency,
    streams: streams.length,
    wallMs,
    requests,
    retries,
    records,
    incomplete,
  };
}
