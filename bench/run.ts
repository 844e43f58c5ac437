/**
 * `deno task bench`: the connector's figures, for the record (issue #6).
 *
 * 1. Pipeline throughput without network: simulator pages of `messages`
 *    through parse, normalisation, validation and serialisation, against the
 *    bare ceiling (parse, stringify and encode each record) in the same run.
 * 2. A latency-bound read of every stream (50 ms per request, simulator in a
 *    child process) at concurrency 10 and at concurrency 1.
 * 3. Peak RSS of the CLI reading 100k and 1M `messages`, run with the V8
 *    heap settings it ships with (`V8_FLAGS` in `scripts/compile.ts`; set
 *    `BENCH_V8_FLAGS` to try others), and without them for comparison.
 * 4. Requests against the floor (issue #12): every stream of a world like the
 *    issue's (3 accounts, history back to 2020) read from 2020, from 6 years
 *    and from 30 days ago, and latency-bound (50 ms a request, concurrency 10).
 * 5. A full read under faults (issue #12): every stream of ten times the test
 *    world with 20 % 429s, 5 % 5xx and 2 % cut bodies, against a clean read.
 * 6. A CLI sync of every stream over 1,000 subaccounts next to one over 10
 *    with the same small per-account counts (issue #13): wall time, requests,
 *    records, accounts read on the product hosts, peak RSS and its ratio
 *    (target: within 20 %); `--only 6` runs it alone (about a minute).
 *
 * ```sh
 * deno task bench [--records 200000] [--rounds 15] [--quick] [--only 1,2,3,4,5,6]
 * ```
 *
 * `--quick` reads only a subset of streams at concurrency 1 and extrapolates
 * per request. Progress goes to stderr, the report to stdout. The task runs
 * with `--allow-all`: Deno reads `/proc` (the child's `VmHWM`) only with
 * every permission.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { faultRows } from "./_faults.ts";
import { floorRows } from "./_floor_rows.ts";
import { ALL_STREAMS, type ReadFigures, timedRead } from "./_latency.ts";
import { MEASURED_V8_FLAGS, measureRead, type MemoryFigures } from "./_memory.ts";
import { messagePages } from "./_pages.ts";
import { fixed, int, median, mib, type Row, seconds, table, verdict } from "./_report.ts";
import { spawnSimulator } from "./_sim_process.ts";
import { measureTree, SLICE_STEP, type TreeFigures } from "./_subaccounts.ts";
import { measureThroughput, STEP_PAGES } from "./_throughput.ts";

const LATENCY_MS = 50;
const CONCURRENCY = 10;
/** Streams read at concurrency 1 under `--quick`: a few requests each, roots and children. */
const QUICK_STREAMS = ["accounts", "addresses", "applications", "keys", "queues", "flows"];

function progress(text: string): void {
  console.error(`bench: ${text}`);
}

async function throughputRows(records: number, rounds: number): Promise<Row[]> {
  progress(`fetching ${int(records)} simulated messages once (pages of 1000)`);
  const pages = await messagePages(records);
  progress(`pipeline and ceiling, ${rounds} rounds interleaved in steps of ${STEP_PAGES} pages`);
  const result = await measureThroughput(pages.texts, [pages.authToken], rounds);
  const ratios = result.pipeline.map((rate, i) => rate / result.ceiling[i]!);
  const ratio = median(ratios);
  return [
    ["1. Pipeline throughput, no network (records/s)"],
    ["records", `${int(result.records)} in ${pages.texts.length} pages`],
    ["pipeline: parse, normalise, validate, serialise", int(median(result.pipeline))],
    ["  best round", int(Math.max(...result.pipeline))],
    ["ceiling: parse, stringify, encode", int(median(result.ceiling))],
    ["  best round", int(Math.max(...result.ceiling))],
    [
      "pipeline / ceiling (median of the rounds)",
      fixed(ratio, 3),
      ">= 0.80",
      verdict(ratio >= 0.8),
    ],
    ["  per round", ratios.map((r) => fixed(r)).join(" ")],
    [
      "  best round / best round",
      fixed(Math.max(...result.pipeline) / Math.max(...result.ceiling), 3),
    ],
  ];
}

async function latencyRows(quick: boolean): Promise<Row[]> {
  await using sim = await spawnSimulator({
    seed: 6,
    latency: LATENCY_MS,
    "max-in-flight": CONCURRENCY,
  });
  progress(`reading all ${ALL_STREAMS.length} streams at concurrency ${CONCURRENCY}`);
  const wide = await timedRead(sim, CONCURRENCY);
  const streams = quick ? QUICK_STREAMS : ALL_STREAMS;
  progress(`reading ${streams.length} streams at concurrency 1`);
  const narrow = await timedRead(sim, 1, streams);
  const perRequest = narrow.wallMs / narrow.requests;
  const narrowFull = quick ? perRequest * wide.requests : narrow.wallMs;
  const floor = wide.requests * LATENCY_MS / CONCURRENCY;
  const toFloor = wide.wallMs / floor;
  const speedUp = narrowFull / wide.wallMs;
  const rows: Row[] = [
    [`2. Latency-bound read, ${LATENCY_MS} ms per request, all ${wide.streams} streams`],
    ["requests / records", `${int(wide.requests)} / ${int(wide.records)}`],
    [`wall time, concurrency ${CONCURRENCY}`, seconds(wide.wallMs)],
    ["records/s", int(wide.records / (wide.wallMs / 1000))],
    [`floor: requests x ${LATENCY_MS} ms / ${CONCURRENCY}`, seconds(floor)],
    ["wall time / floor", fixed(toFloor, 3), "<= 1.50", verdict(toFloor <= 1.5)],
    [
      quick
        ? `wall time, concurrency 1 (${streams.length} streams, extrapolated)`
        : "wall time, concurrency 1",
      seconds(narrowFull),
    ],
    ["  per request", `${fixed(perRequest, 1)} ms`],
    ["speed-up over concurrency 1", `${fixed(speedUp, 1)}x`, ">= 8x", verdict(speedUp >= 8)],
  ];
  for (const figures of [wide, narrow]) rows.push(...problems(figures));
  return rows;
}

function problems(figures: ReadFigures): Row[] {
  const rows: Row[] = [];
  const at = `concurrency ${figures.concurrency}`;
  if (figures.retries > 0) rows.push([`  retries at ${at}`, int(figures.retries)]);
  for (const line of figures.incomplete) rows.push([`  incomplete at ${at}`, line]);
  return rows;
}

async function memoryRows(withDefaults: boolean): Promise<Row[]> {
  const runs: MemoryFigures[] = [];
  for (const messages of [100_000, 1_000_000]) {
    progress(`CLI read of ${int(messages)} messages, polling VmHWM`);
    runs.push(await measureRead(messages));
  }
  const [small, large] = runs as [MemoryFigures, MemoryFigures];
  const growth = large.peakRss / small.peakRss;
  const rows: Row[] = [
    ["3. Peak RSS of `main.ts read` (VmHWM), `messages` only"],
    ["V8 flags", MEASURED_V8_FLAGS.join(" ") || "(V8 defaults)"],
  ];
  for (const run of runs) {
    const ok = run.exitCode === 0 && run.lines >= run.messages;
    rows.push([
      `${int(run.messages)} records`,
      mib(run.peakRss),
      run.messages === 1_000_000 ? "< 150 MiB" : "",
      run.messages === 1_000_000 ? verdict(run.peakRss < 150 * 2 ** 20) : "",
    ]);
    rows.push([
      "  lines out, wall time, exit code",
      `${int(run.lines)}, ${seconds(run.wallMs)}, ${run.exitCode}${ok ? "" : " (INCOMPLETE)"}`,
    ]);
  }
  rows.push(["1M / 100k", fixed(growth, 3), "<= 1.20", verdict(growth <= 1.2)]);
  if (withDefaults && MEASURED_V8_FLAGS.length > 0) {
    progress("CLI read of 1,000,000 messages with V8's default heap settings, for comparison");
    const loose = await measureRead(1_000_000, []);
    rows.push([
      "1M records, V8 defaults (no heap limit)",
      mib(loose.peakRss),
      "",
      loose.exitCode === 0 ? "" : "(INCOMPLETE)",
    ]);
    rows.push(["  wall time", `${seconds(loose.wallMs)} (vs ${seconds(large.wallMs)})`]);
  }
  return rows;
}

async function subaccountRows(): Promise<Row[]> {
  const runs: TreeFigures[] = [];
  for (const subaccounts of [10, 1000]) {
    progress(`CLI read of every stream over ${int(subaccounts)} subaccounts, polling VmHWM`);
    runs.push(await measureTree(subaccounts));
  }
  const [small, large] = runs as [TreeFigures, TreeFigures];
  const ratio = large.peakRss / small.peakRss;
  const rows: Row[] = [
    ["6. Every stream over 1,000 subaccounts vs 10, same small per-account counts"],
    ["per account, slices", `bench/_subaccounts.ts SMALL_COUNTS, slice_step ${SLICE_STEP}`],
    ["V8 flags", MEASURED_V8_FLAGS.join(" ") || "(V8 defaults)"],
  ];
  for (const run of runs) {
    const accounts = run.subaccounts + 1;
    const totals = run.totals;
    rows.push([`${int(run.subaccounts)} subaccounts: peak RSS`, mib(run.peakRss)]);
    rows.push([
      "  requests / records",
      `${totals ? int(totals.requests) : "?"} / ${int(run.records)}`,
    ]);
    rows.push([
      "  output MB, STATE lines, STATE MB, mean STATE size",
      `${fixed(run.chars / 1e6, 1)}, ${int(run.states.lines)}, ${
        fixed(run.states.chars / 1e6, 1)
      }, ${int(run.states.chars / Math.max(1, run.states.lines))} chars`,
    ]);
    rows.push([
      "  accounts read on the 2010 API / product hosts",
      totals
        ? `${int(totals.accounts)} / ${int(totals.product_accounts)} of ${int(accounts)}`
        : "?",
    ]);
    rows.push([
      "  wall time, exit code",
      `${seconds(run.wallMs)}, ${run.exitCode}${run.exitCode === 0 ? "" : " (INCOMPLETE)"}`,
    ]);
  }
  rows.push(["peak RSS, 1,000 / 10", fixed(ratio, 3), "<= 1.20", verdict(ratio <= 1.2)]);
  const perAccount = (run: TreeFigures) => run.wallMs / (run.subaccounts + 1);
  rows.push([
    "wall time per account, 1,000 vs 10",
    `${fixed(perAccount(large), 1)} ms vs ${fixed(perAccount(small), 1)} ms`,
  ]);
  return rows;
}

async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      records: { type: "string", default: "200000" },
      rounds: { type: "string", default: "15" },
      quick: { type: "boolean", default: false },
      only: { type: "string", default: "1,2,3,4,5,6" },
    },
    strict: true,
  });
  const only = new Set(values.only.split(","));
  const load = Deno.loadavg()[0]?.toFixed(2) ?? "?";
  const rows: Row[] = [
    ["Environment"],
    ["deno / v8", `${Deno.version.deno} / ${Deno.version.v8}`],
    ["CPUs, load average at start", `${navigator.hardwareConcurrency}, ${load}`],
  ];
  const started = performance.now();
  if (only.has("1")) {
    rows.push(...await throughputRows(Number(values.records), Number(values.rounds)));
  }
  if (only.has("2")) rows.push(...await latencyRows(values.quick));
  if (only.has("3")) rows.push(...await memoryRows(!values.quick));
  if (only.has("4")) rows.push(...await floorRows());
  if (only.has("5")) rows.push(...await faultRows(progress));
  if (only.has("6")) rows.push(...await subaccountRows());
  rows.push(["bench wall time", seconds(performance.now() - started)]);
  console.log(table(rows));
}

if (import.meta.main) await main(Deno.args);
