/**
 * Section 4 of `deno task bench`: requests against the floor in the issue's
 * world (`_requests.ts`), the same read from 6 years and from 30 days ago,
 * and the latency-bound read of that world (50 ms a request, concurrency 10).
 *
 * @module
 */
import { timedRead } from "./_latency.ts";
import { fixed, int, type Row, seconds, verdict } from "./_report.ts";
import { spawnSimulator } from "./_sim_process.ts";
import { countedRead, floorOf, HISTORY_START, issueSimulator, issueWorld } from "./_requests.ts";
import { daysAgo } from "../tests/_helpers.ts";

const LATENCY_MS = 50;
const CONCURRENCY = 10;
/**
 * The latency-bound read of the same world by the fixed-step engine of 81624b4 (one window per
 * `slice_step`), measured once with this section run in a worktree of that commit (README).
 */
const FIXED_STEP = { wallMs: 75_260, requests: 13_820, recordsPerSecond: 352 };

function progress(text: string): void {
  console.error(`bench: ${text}`);
}

/** The rows of section 4. */
export async function floorRows(): Promise<Row[]> {
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const rows: Row[] = [["4. Requests against the floor (3 accounts, history back to 2020)"]];
  progress("reading the issue's world from 2020-01-01, counting requests");
  const full = await measured(now, HISTORY_START);
  const ratio = full.read.requests / full.floor.requests;
  rows.push(
    ["records read", int(full.read.records)],
    ["lists touched / floor requests", `${int(full.floor.lists)} / ${int(full.floor.requests)}`],
    ["requests, start 2020-01-01", int(full.read.requests)],
    ["requests / floor", fixed(ratio, 3), "<= 1.30", verdict(ratio <= 1.3)],
  );
  progress("the same read from 6 years and from 30 days ago");
  const long = await measured(now, daysAgo(6 * 365, now));
  const short = await measured(now, daysAgo(30, now));
  const gap = Math.abs(long.read.requests - short.read.requests);
  const allowed = 0.1 * Math.max(long.read.requests, short.read.requests) + long.floor.lists;
  rows.push(
    [
      "requests from 6 years / 30 days ago",
      `${int(long.read.requests)} / ${int(short.read.requests)}`,
    ],
    ["  floors", `${int(long.floor.requests)} / ${int(short.floor.requests)}`],
    [
      "  requests above the floor",
      `${int(long.read.requests - long.floor.requests)} / ` +
      `${int(short.read.requests - short.floor.requests)}`,
    ],
    ["  difference (10 % + one per list)", int(gap), `<= ${int(allowed)}`, verdict(gap <= allowed)],
  );
  for (const m of [full, long, short]) {
    for (const line of m.read.incomplete) rows.push(["  incomplete", line]);
  }
  rows.push(...await latencyRows(now, full.floor.requests));
  return rows;
}

async function measured(now: number, start: string) {
  await using sim = await issueSimulator(now);
  const read = await countedRead(sim, start);
  const floor = await floorOf(sim, read, start, now);
  return { read, floor };
}

async function latencyRows(now: number, floor: number): Promise<Row[]> {
  const world = issueWorld(now);
  await using sim = await spawnSimulator({
    seed: world.seed!,
    now,
    "history-days": world.historyDays!,
    latency: LATENCY_MS,
    "max-in-flight": CONCURRENCY,
    counts: JSON.stringify(world.counts),
  });
  progress(
    `latency-bound read of that world, ${LATENCY_MS} ms a request, concurrency ${CONCURRENCY}`,
  );
  const run = await timedRead(sim, CONCURRENCY, undefined, { start_date: HISTORY_START });
  const bound = floor * LATENCY_MS / CONCURRENCY;
  const toBound = run.wallMs / bound;
  const rows: Row[] = [
    [`  latency-bound read, ${LATENCY_MS} ms a request, concurrency ${CONCURRENCY}`],
    ["  requests / records", `${int(run.requests)} / ${int(run.records)}`],
    ["  wall time", seconds(run.wallMs)],
    ["  records/s", int(run.records / (run.wallMs / 1000))],
    [`  floor x ${LATENCY_MS} ms / ${CONCURRENCY}`, seconds(bound)],
    ["  wall time / that", fixed(toBound, 3), "<= 1.30", verdict(toBound <= 1.3)],
    [
      "  fixed-step engine (81624b4), same read",
      `${seconds(FIXED_STEP.wallMs)}, ${int(FIXED_STEP.requests)} requests, ` +
      `${int(FIXED_STEP.recordsPerSecond)} records/s`,
    ],
  ];
  for (const line of run.incomplete) rows.push(["  incomplete", line]);
  if (run.retries > 0) rows.push(["  retries", int(run.retries)]);
  return rows;
}
