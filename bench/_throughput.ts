/**
 * Pipeline throughput without network: the same page texts through the real
 * stages (parse, normalise, validate, RECORD messages, serialise to bytes) and
 * through the bare ceiling (parse, stringify and encode each record), run
 * interleaved so both see the same machine state.
 *
 * @module
 */
import { NormalizeStream, planFor } from "../pipeline/normalize.ts";
import { LineEncoder } from "../pipeline/serialize.ts";
import { ValidateStream } from "../pipeline/validate.ts";
import { type AirbyteMessage, type JsonObject, recordMessage } from "../protocol/messages.ts";
import { REGISTRY } from "../streams/mod.ts";

/** One timed pass over the pages. */
export interface Pass {
  records: number;
  bytes: number;
  ms: number;
}

/** Results of the interleaved rounds. */
export interface ThroughputResult {
  pipeline: number[];
  ceiling: number[];
  records: number;
  pipelineBytes: number;
  ceilingBytes: number;
}

const STREAM = "messages";

/**
 * The real stages, wired as the engine and the CLI wire them, on page texts
 * instead of HTTP bodies: the list pipeline (parse, `NormalizeStream`,
 * `ValidateStream`), then what `Output.records` and the CLI's writer do with
 * a page (RECORD messages, one `LineEncoder` with a reused buffer).
 */
export async function pipelinePass(texts: readonly string[], secrets: string[]): Promise<Pass> {
  const def = REGISTRY.get(STREAM);
  if (!def) throw new Error(`No stream "${STREAM}" in the registry`);
  const plan = planFor(def.schema, def);
  let records = 0;
  let bytes = 0;
  let invalid = 0;
  const started = performance.now();
  const chunks = ReadableStream.from(texts)
    .pipeThrough(
      new TransformStream<string, JsonObject[]>({
        transform(text, controller) {
          const body = JSON.parse(text) as Record<string, unknown>;
          controller.enqueue(body[def.recordKey] as JsonObject[]);
        },
      }),
    )
    .pipeThrough(new NormalizeStream(plan))
    .pipeThrough(
      new ValidateStream({ schema: def.schema, stream: STREAM, onInvalid: () => invalid++ }),
    );
  const encoder = new LineEncoder({ secrets, reuse: true });
  for await (const page of chunks) {
    const at = Date.now();
    const batch: AirbyteMessage[] = [];
    for (const data of page) batch.push(recordMessage(STREAM, data, at));
    records += page.length;
    bytes += encoder.encode(batch).byteLength;
  }
  const ms = performance.now() - started;
  if (invalid > 0) throw new Error(`${invalid} simulated messages failed validation`);
  return { records, bytes, ms };
}

/** The ceiling: `JSON.parse` of each page, `JSON.stringify` and encode of each record. */
export function ceilingPass(texts: readonly string[]): Pass {
  const encoder = new TextEncoder();
  let records = 0;
  let bytes = 0;
  const started = performance.now();
  for (const text of texts) {
    const body = JSON.parse(text) as Record<string, unknown>;
    for (const record of body[STREAM] as unknown[]) {
      bytes += encoder.encode(JSON.stringify(record)).byteLength;
      records++;
    }
  }
  return { records, bytes, ms: performance.now() - started };
}

/**
 * A full collection before each timed pass, when the bench runs with
 * `--v8-flags=--expose-gc` (`deno task bench` does): otherwise a major GC of
 * the previous pass's garbage lands in whichever pass comes next.
 *
 * `deno task bench` also runs with `--single-threaded-gc`, so both passes
 * measure one core. With GC helper threads the pipeline, which keeps a few
 * pages alive across its stages, leans on the second core, and on these
 * 2-core machines the host sometimes takes it: the same code measured 0.80
 * in one run and 0.64 in the next. On one thread the pipeline is faster too
 * (about 190,000 records/s instead of 150,000).
 */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** Runs both `rounds` times, interleaved (after one untimed warm-up each). */
export async function measureThroughput(
  texts: readonly string[],
  secrets: string[],
  rounds: number,
): Promise<ThroughputResult> {
  ceilingPass(texts);
  await pipelinePass(texts, secrets);
  const result: ThroughputResult = {
    pipeline: [],
    ceiling: [],
    records: 0,
    pipelineBytes: 0,
    ceilingBytes: 0,
  };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ["ceiling", "pipeline"] : ["pipeline", "ceiling"];
    for (const which of order) {
      collect();
      const pass = which === "ceiling" ? ceilingPass(texts) : await pipelinePass(texts, secrets);
      const rate = pass.records / (pass.ms / 1000);
      if (which === "ceiling") {
        result.ceiling.push(rate);
        result.ceilingBytes = pass.bytes;
      } else {
        result.pipeline.push(rate);
        result.pipelineBytes = pass.bytes;
      }
      result.records = pass.records;
    }
  }
  return result;
}
