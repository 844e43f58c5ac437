/**
 * Requests against the floor (issue #12): a full read of every stream from a
 * world like the issue's (3 accounts, about 25,000 records, a sparse history
 * back to 2020), its requests counted by the simulator, and the floor the
 * simulator's own data allows: for every list the read touched, one request
 * plus one per further page.
 *
 * @module
 */
import { readRun } from "../source.ts";
import { clampStart, formatDate } from "../pipeline/slices.ts";
import { type Simulator, type SimulatorOptions, startSimulator } from "../simulator/mod.ts";
import { STREAMS } from "../streams/mod.ts";
import type { StreamDefinition } from "../streams/_define.ts";
import { catalogOf, configFor } from "../tests/_helpers.ts";
import { basic } from "../tests/simulator/_helpers.ts";
import { ALL_STREAMS } from "./_latency.ts";

const DAY = 86_400_000;

/** The history of the issue's world starts here. */
export const HISTORY_START = "2020-01-01T00:00:00Z";

/**
 * A world like the issue's, for a `now` (epoch ms): main account and 2
 * subaccounts, records back to 2020 (half of the messages and calls in the
 * last 60 days), about 25,000 of them.
 */
export function issueWorld(now: number): SimulatorOptions {
  return {
    seed: 12,
    now,
    historyDays: Math.ceil((now - Date.parse(HISTORY_START)) / DAY),
    counts: {
      messages: 3000,
      calls: 3000,
      alerts: 2000,
      conferences: 150,
      recordings: 200,
      transcriptions: 50,
      usage_categories: 1,
    },
  };
}

/** What one counted read did. */
export interface CountedRead {
  requests: number;
  records: number;
  wallMs: number;
  /** Requests per path (the simulator's `byPath`), copied before the floor is worked out. */
  byPath: Map<string, number>;
  incomplete: string[];
}

/** Reads every stream of `sim` from `startDate` and counts what the simulator served. */
export async function countedRead(
  sim: Simulator,
  startDate: string,
  concurrency = 10,
): Promise<CountedRead> {
  sim.resetStats();
  const started = performance.now();
  const config = configFor(sim, { start_date: startDate, max_concurrency: concurrency });
  const run = readRun(config, catalogOf(ALL_STREAMS));
  await run.readable.pipeTo(new WritableStream());
  const outcome = await run.outcome;
  return {
    requests: sim.stats.requests,
    records: [...outcome.values()].reduce((sum, o) => sum + o.records, 0),
    wallMs: performance.now() - started,
    byPath: new Map(sim.stats.byPath),
    incomplete: [...outcome].filter(([, o]) => o.status !== "COMPLETE")
      .map(([name, o]) => `${name}: ${o.error?.message ?? o.status}`),
  };
}

/** The floor of a read: lists it touched, and requests they need at least. */
export interface Floor {
  lists: number;
  requests: number;
  /** Requests to paths that are no list of a stream (none expected). */
  other: number;
}

/**
 * Works out the floor of a read from the simulator's data: every list path
 * the read requested (each `Status` of conferences counted as its own list)
 * is read once more, whole, in pages of the stream's size, over the read's
 * window (`startDate` clamped as Twilio requires, to `now`).
 */
export async function floorOf(
  sim: Simulator,
  read: CountedRead,
  startDate: string,
  now: number,
): Promise<Floor> {
  const matchers = STREAMS.map((def) => ({ def, regex: templateRegex(def) }));
  const jobs: { def: StreamDefinition; path: string; variant: Record<string, string> }[] = [];
  let other = 0;
  for (const [path, count] of read.byPath) {
    const def = matchers.find((m) => m.regex.test(path))?.def;
    if (!def) {
      other += count;
      continue;
    }
    for (const variant of def.variants ?? [{}]) jobs.push({ def, path, variant });
  }
  let requests = 0;
  const start = Date.parse(startDate);
  for (let i = 0; i < jobs.length; i += 16) {
    const pages = await Promise.all(
      jobs.slice(i, i + 16).map((job) => pagesOf(sim, job, start, now)),
    );
    requests += pages.reduce((sum, n) => sum + n, 0);
  }
  return { lists: jobs.length, requests, other };
}

function templateRegex(def: StreamDefinition): RegExp {
  const path = `/${def.product}${def.path}`.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  return new RegExp(`^${path.replace(/\{\w+\}/g, "[^/]+")}$`);
}

/** Pages of one list over the window: ceil(max(records, 1) / page size). */
async function pagesOf(
  sim: Simulator,
  job: { def: StreamDefinition; path: string; variant: Record<string, string> },
  start: number,
  now: number,
): Promise<number> {
  const { def, variant } = job;
  const query = new URLSearchParams({ ...def.query, ...variant, PageSize: String(def.pageSize) });
  const filter = def.incremental?.filter;
  if (filter) {
    const from = clampStart(start, { now, retentionDays: def.incremental?.retentionDays }).start;
    query.set(filter.lower, formatDate(from, filter.format));
    query.set(filter.upper, formatDate(now, filter.format));
  }
  if (def.incremental?.maxResultsPerQuery && filter) {
    // One query cannot list past Twilio's cap: count the simulator's records of the window.
    const from = clampStart(start, { now, retentionDays: def.incremental.retentionDays }).start;
    const records = sim.expected(def.name, { since: new Date(from) }).length;
    return Math.ceil(Math.max(records, 1) / def.pageSize);
  }
  // A product host lists the data of the account the credentials are: a root list is each
  // account's own (one floor each), a child list is its owner's (the others answer 404).
  const perAccount = def.product !== "api" && def.scope !== "global";
  let pages = 0;
  for (const account of perAccount ? sim.accounts : [sim.accounts[0]!]) {
    pages += await pagesAs(sim, job, query, basic(account.sid, account.authToken), perAccount);
  }
  return pages;
}

/** Pages of one list read with `authorization`; 0 when that account has no such list. */
async function pagesAs(
  sim: Simulator,
  job: { def: StreamDefinition; path: string },
  query: URLSearchParams,
  authorization: string,
  perAccount: boolean,
): Promise<number> {
  const { def, path } = job;
  const filter = def.incremental?.filter;
  const headers = { authorization };
  let next: string | null = `${sim.url}${path}?${query}`;
  let pages = 0;
  while (next) {
    const response: Response = await fetch(next, { headers });
    if (response.status === 404 && filter && query.has(filter.lower)) {
      // Usage records before the account's creation: the list starts at the creation.
      await response.body?.cancel();
      query.delete(filter.lower);
      next = `${sim.url}${path}?${query}`;
      continue;
    }
    if (perAccount && pages === 0 && (response.status === 404 || response.status === 403)) {
      await response.body?.cancel();
      return 0;
    }
    if (!response.ok) throw new Error(`Floor: ${response.status} for ${path}`);
    const body = await response.json() as {
      next_page_uri?: string | null;
      meta?: { next_page_url?: string | null };
    };
    pages++;
    const uri = body.next_page_uri;
    const url = body.meta?.next_page_url;
    next = uri ? `${sim.url}/${def.product}${uri}` : url ? url : null;
  }
  return pages;
}

/** Starts the issue's world in process, for counting. */
export function issueSimulator(now: number): Promise<Simulator> {
  return startSimulator(issueWorld(now));
}
