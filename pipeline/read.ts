/**
 * The read engine: sets up what one sync shares (the HTTP client, the router,
 * the output, the page pools, the clock), builds the forest of stream nodes
 * (`forest.ts`) and runs it (`run_forest.ts`).
 *
 * @module
 */
import { AccountLimiter } from "./account_limiter.ts";
import { AccountProgress } from "./account_progress.ts";
import { AccountSet } from "./accounts.ts";
import { prepareAccounts } from "./account_prepare.ts";
import { CancelledError } from "./errors.ts";
import { buildForest } from "./forest.ts";
import { HttpClient, type HttpEvent } from "./http_client.ts";
import { Output } from "./output.ts";
import { ProgressGuard } from "./retry.ts";
import { Router } from "./routing.ts";
import { runForest, type StreamOutcome } from "./run_forest.ts";
import { Secrets } from "./secrets.ts";
import { PagePool } from "./_async.ts";
import type { ReadContext } from "./read_context.ts";
import { type Config, credentialsOf } from "../protocol/config.ts";
import type { Selection } from "../protocol/catalog.ts";
import type { AirbyteMessage } from "../protocol/messages.ts";
import type { InputState } from "../protocol/state.ts";
import type { StreamDefinition } from "../streams/_define.ts";

/**
 * Pages held in memory per depth of the parent/child forest (roots, their
 * children, grandchildren), beyond one per request the limiter lets through.
 */
const SPARE_PAGES_PER_DEPTH = 2;

/**
 * Bytes of page JSON held in memory per depth of the forest. Twilio's largest
 * pages are about 1 MB (1,000 messages), so at the default `max_concurrency`
 * of 10 the page count binds first; the bytes keep a larger `max_concurrency`
 * (or larger records) from growing the heap past what the CLI's heap limit
 * (`cli/runtime.ts`) leaves room for: three depths, parsed, is about 40 MB.
 */
export const PAGE_BYTES_PER_DEPTH = 12 * 2 ** 20;

/**
 * Options of {@linkcode readBatches}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { read, type ReadOptions, startSimulator } from "../mod.ts";
 * await using sim = await startSimulator();
 * const auth = { account_sid: sim.accountSid, auth_token: sim.authToken, base_url: sim.url };
 * const config = { ...auth, start_date: "2024-01-01T00:00:00Z" };
 * const stream = { name: "accounts", json_schema: {}, supported_sync_modes: ["full_refresh"] };
 * const selected = { stream, sync_mode: "full_refresh", destination_sync_mode: "overwrite" };
 * const statuses: number[] = [];
 * const options: ReadOptions = { onHttpEvent: (event) => statuses.push(event.status) };
 * await Array.fromAsync(read(config, { streams: [selected] }, options));
 * assert.deepEqual(statuses, [200]);
 * ```
 */
export interface ReadOptions {
  /** Saved state per stream. */
  state?: InputState;
  /** Stops the read; what was emitted stays consistent. */
  signal?: AbortSignal;
  /** Transport (default: the global `fetch`). */
  fetch?: typeof fetch;
  /** Clock (default `Date.now`). */
  now?: () => number;
  /** Waits between retries (default: real timers). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Random source for backoff jitter. */
  random?: () => number;
  /** First backoff step when Twilio sends no `Retry-After` (default 500 ms). */
  backoffBaseMs?: number;
  /** Receives every HTTP response and retry (progress, statistics). */
  onHttpEvent?: (event: HttpEvent) => void;
  /** Bytes of page JSON held in memory per depth of the forest (default 12 MiB). */
  pageBytesPerDepth?: number;
  /** Receives how many of the sync's accounts are done, of how many, as that changes. */
  onAccounts?: (done: number, total: number) => void;
}

/** A running read: the message batches, and its outcome once they end. */
export interface ReadRun {
  readable: ReadableStream<AirbyteMessage[]>;
  outcome: Promise<Map<string, StreamOutcome>>;
  /** Secrets learnt while reading (subaccounts' auth tokens): mask them in what is printed. */
  secrets: Secrets;
}

/** Streams a sync of `selections` as batches of Airbyte messages. */
export function readBatches(
  config: Config,
  selections: readonly Selection[],
  registry: ReadonlyMap<string, StreamDefinition>,
  options: ReadOptions = {},
): ReadRun {
  const now = options.now ?? Date.now;
  const controller = new AbortController();
  const onAbort = () => controller.abort(new CancelledError());
  // A consumer that stops reading (a `break` out of `read()`) ends the sync, as a signal does.
  const output = new Output({ now, onCancel: onAbort });
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const pools: PagePool[] = [];
  const secrets = new Secrets();
  const ctx: ReadContext = {
    client: new HttpClient({
      credentials: credentialsOf(config),
      accountCredentials: (sid) => ctx.accounts.credentials(sid),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      timeoutMs: config.request_timeout_seconds * 1000,
      maxRetries: config.max_retries,
      guard: new ProgressGuard({ now }),
      limiter: new AccountLimiter({ max: config.max_concurrency }),
      backoff: {
        ...(options.random ? { random: options.random } : {}),
        ...(options.backoffBaseMs === undefined ? {} : { baseMs: options.backoffBaseMs }),
      },
      ...(options.sleep ? { sleep: options.sleep } : {}),
      now,
      onEvent: (event) => {
        if (event.type === "retry" && event.status === 429) {
          output.rateLimited(event.tag, event.waitMs);
        }
        options.onHttpEvent?.(event);
      },
    }),
    router: new Router({ baseUrl: config.base_url, region: config.region, edge: config.edge }),
    output,
    now: now(),
    startDate: Date.parse(config.start_date),
    lookbackMs: config.lookback_window * 60_000,
    sliceStep: config.slice_step,
    strict: config.fail_on_invalid_records,
    maxConcurrency: config.max_concurrency,
    refresh: {
      maxRecords: config.refresh_max_records,
      maxAgeMs: config.refresh_max_age_hours * 3_600_000,
    },
    pagePool: (depth) =>
      pools[depth] ??= new PagePool(
        config.max_concurrency + SPARE_PAGES_PER_DEPTH,
        options.pageBytesPerDepth ?? PAGE_BYTES_PER_DEPTH,
      ),
    accounts: AccountSet.mainOnly(config),
    progress: new AccountProgress(options.onAccounts),
  };
  if (config.retry_budget !== undefined) {
    output.log(
      "WARN",
      "retry_budget is no longer used: a sync now gives up only when it stops making " +
        "progress (see the README, Retries); remove it from the config",
    );
  }
  const nodes = buildForest(ctx, selections, registry, options.state ?? new Map());
  const prepare = (signal: AbortSignal) =>
    prepareAccounts({ ctx, config, nodes, registry, secrets, signal });
  const outcome = runForest(ctx, nodes, selections, controller, prepare)
    .finally(() => options.signal?.removeEventListener("abort", onAbort));
  return { readable: output.readable, outcome, secrets };
}

export type { StreamOutcome };
