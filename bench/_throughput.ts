/**
 * Pipeline throughput without network: the same page texts through the real
 * stages (parse, normalise, validate, RECORD messages, serialise to bytes) and
 * through the bare ceiling (parse, stringify and encode each record).
 *
 * The two are interleaved finely: each round walks the pages in steps of a
 * few pages (some 50 ms of work), and runs both on each step, in alternating
 * order. On these shared 2-core machines the speed of the host drifts by up
 * to a factor of two within a second, so two whole passes timed one after the
 * other measured anything from 0.6 to 1.3 for the same code; steps this short
 * see the same machine.
 *
 * @module
 */
import { checkedPages } from "../pipeline/list_pages.ts";
import { planFor } from "../pipeline/normalize.ts";
import { LineEncoder } from "../pipeline/serialize.ts";
import { type AirbyteMessage, type JsonObject, recordMessage } from "../protocol/messages.ts";
import { REGISTRY } from "../streams/mod.ts";

/** One timed pass over the pages. */
interface Pass {
  records: number;
  bytes: number;
  ms: number;
}

/** Results of the interleaved rounds. */
export interface ThroughputResult {
  pipeline: number[];
  ceiling: number[];
  records: number;
}

const STREAM = "messages";
const DEF = REGISTRY.get(STREAM)!;
const PLAN = planFor(DEF.schema, DEF);

/**
 * The real stages, wired as the engine and the CLI wire them, on page texts
 * instead of HTTP bodies: parse, then the record stages of every list
 * (`checkedPages`: normalisation, validation), then what `Output.records` and
 * the CLI's writer do with a page (RECORD messages, one `LineEncoder` with a
 * reused buffer, made once per sync: here, once per round).
 */
async function pipelinePass(texts: readonly string[], encoder: LineEncoder): Promise<Pass> {
  let records = 0;
  let bytes = 0;
  let invalid = 0;
  const started = performance.now();
  const parsed = ReadableStream.from(texts).pipeThrough(
    new TransformStream<string, JsonObject[]>({
      transform(text, controller) {
        const body = JSON.parse(text) as Record<string, unknown>;
        controller.enqueue(body[DEF.recordKey!] as JsonObject[]);
      },
    }),
  );
  const chunks = checkedPages(parsed, {
    def: DEF,
    plan: PLAN,
    strict: false,
    onInvalid: () => invalid++,
  });
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
function ceilingPass(texts: readonly string[]): Pass {
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
 * A full collection before each round, when the bench runs with
 * `--v8-flags=--expose-gc` (`deno task bench` does), so that no round pays
 * for the garbage of the one before.
 *
 * `deno task bench` also runs with `--single-threaded-gc`, so both sides
 * measure one core. With GC helper threads the pipeline, which keeps a few
 * pages alive across its stages, leans on the second core, and on these
 * 2-core machines the host sometimes takes it.
 */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** Pages per interleaved step. */
export const STEP_PAGES = 10;

/**
 * Runs `rounds` rounds (after one untimed warm-up of each side). A round
 * times both sides on every step of `STEP_PAGES` pages, the side that goes
 * first alternating from step to step and from round to round, and gives one
 * rate per side: its records over the sum of its step times.
 */
export async function measureThroughput(
  texts: readonly string[],
  secrets: string[],
  rounds: number,
): Promise<ThroughputResult> {
  ceilingPass(texts);
  await pipelinePass(texts, new LineEncoder({ secrets, reuse: true }));
  const result: ThroughputResult = { pipeline: [], ceiling: [], records: 0 };
  for (let round = 0; round < rounds; round++) {
    collect();
    const encoder = new LineEncoder({ secrets, reuse: true });
    const pipeline: Pass = { records: 0, bytes: 0, ms: 0 };
    const ceiling: Pass = { records: 0, bytes: 0, ms: 0 };
    for (let from = 0, step = 0; from < texts.length; from += STEP_PAGES, step++) {
      const pages = texts.slice(from, from + STEP_PAGES);
      const ceilingFirst = (round + step) % 2 === 0;
      if (ceilingFirst) add(ceiling, ceilingPass(pages));
      add(pipeline, await pipelinePass(pages, encoder));
      if (!ceilingFirst) add(ceiling, ceilingPass(pages));
    }
    result.pipeline.push(pipeline.records / (pipeline.ms / 1000));
    result.ceiling.push(ceiling.records / (ceiling.ms / 1000));
    result.records = pipeline.records;
  }
  return result;
}

function add(total: Pass, step: Pass): void {
  total.records += step.records;
  total.bytes += step.bytes;
  total.ms += step.ms;
}
