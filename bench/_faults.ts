/**
 * A full read (from 2020) under faults at ten times the test world: every stream, 20 % 429s,
 * 5 % 5xx and 2 % cut bodies (the mix of `tests/read/faults_test.ts`), against
 * a clean read of the same world. It must return the same records with no
 * error; the figures are requests, retries and wall time of each read.
 *
 * The simulator runs in process (its CLI sets only a few of the world's sizes)
 * with no latency, on the fixed clock of the read tests (fault decisions hash
 * each request's query, which holds dates): the same figures every run, of
 * the retry machinery and the engine, not of a network.
 *
 * @module
 */
import {
  DEFAULT_COUNTS,
  type FaultOptions,
  type Simulator,
  startSimulator,
} from "../simulator/mod.ts";
import { read } from "../source.ts";
import { STREAMS } from "../streams/mod.ts";
import type { AirbyteMessage } from "../protocol/messages.ts";
import { catalogOf, configFor, errorsOf, identities, recordsOf } from "../tests/_helpers.ts";
import { NOW } from "../tests/read/_clock.ts";
import { int, type Row, seconds, verdict } from "./_report.ts";

/** The faults of the read. */
export const FAULTS: FaultOptions = {
  rate429: 0.2,
  rate5xx: 0.05,
  rateTruncated: 0.02,
  retryAfter: 0,
};

/** As far back as the read goes: all of the world (the measured read). */
export const START_DATE = "2020-01-01T00:00:00Z";

/** How much larger than the test world (every collection size). */
export const SCALE = 10;

interface ReadFigures {
  messages: AirbyteMessage[];
  requests: number;
  retries: number;
  wallMs: number;
}

async function timed(sim: Simulator): Promise<ReadFigures> {
  let requests = 0;
  let retries = 0;
  const started = performance.now();
  const messages = await Array.fromAsync(
    read(configFor(sim, { start_date: START_DATE }), catalogOf(STREAMS.map((s) => s.name)), {
      now: () => sim.now,
      backoffBaseMs: 1,
      onHttpEvent: (event) => event.type === "response" ? requests++ : retries++,
    }),
  );
  return { messages, requests, retries, wallMs: performance.now() - started };
}

/** Streams whose records differ between the two reads. */
function differing(clean: AirbyteMessage[], faulty: AirbyteMessage[]): string[] {
  return STREAMS.filter((def) =>
    identities(def, recordsOf(faulty, def.name)).join("\n") !==
      identities(def, recordsOf(clean, def.name)).join("\n")
  ).map((def) => def.name);
}

/** The rows of the fault read, with `progress` told what runs. */
export async function faultRows(progress: (text: string) => void): Promise<Row[]> {
  const counts = Object.fromEntries(
    Object.entries(DEFAULT_COUNTS).map(([name, size]) => [name, size * SCALE]),
  );
  await using sim = await startSimulator({ seed: 21, now: NOW, pageSizeCap: 6, counts });
  progress(`clean read of all ${STREAMS.length} streams, world x${SCALE}`);
  const clean = await timed(sim);
  sim.setFaults(FAULTS);
  progress("the same read under 20 % 429, 5 % 5xx, 2 % cut bodies");
  const faulty = await timed(sim);
  const records = clean.messages.filter((m) => m.type === "RECORD").length;
  const errors = errorsOf(faulty.messages).length + errorsOf(clean.messages).length;
  const differ = differing(clean.messages, faulty.messages);
  const same = differ.length === 0;
  return [
    [`5. Read under faults (20 % 429, 5 % 5xx, 2 % cut), world x${SCALE}, all streams`],
    ["records, clean read", int(records)],
    ["requests / wall time, clean", `${int(clean.requests)} / ${seconds(clean.wallMs)}`],
    [
      "requests / retries / wall time, faults",
      `${int(faulty.requests)} / ${int(faulty.retries)} / ${seconds(faulty.wallMs)}`,
    ],
    ["same records as the clean read", same ? "yes" : differ.join(", "), "yes", verdict(same)],
    ["error traces", int(errors), "0", verdict(errors === 0)],
  ];
}
