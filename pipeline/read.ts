/**
 * The read engine: turns the selected streams of the registry into a forest of
 * {@linkcode StreamNode}s, runs them concurrently under one HTTP client, and
 * reports each stream's outcome as Airbyte stream statuses and error traces.
 *
 * @module
 */
import {
  asSourceError,
  CancelledError,
  ConfigError,
  CREDENTIALS_REJECTED,
  HttpError,
  SourceError,
} from "./errors.ts";
import { HttpClient, type HttpEvent } from "./http_client.ts";
import { AdaptiveLimiter } from "./limiter.ts";
import { Output } from "./output.ts";
import { RetryBudget } from "./retry.ts";
import { Router } from "./routing.ts";
import { StreamNode } from "./stream_node.ts";
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
}

/** How one stream of a read ended. */
export interface StreamOutcome {
  status: "COMPLETE" | "INCOMPLETE";
  records: number;
  invalid: number;
  error?: SourceError;
}

/** A running read: the message batches, and its outcome once they end. */
export interface ReadRun {
  readable: ReadableStream<AirbyteMessage[]>;
  outcome: Promise<Map<string, StreamOutcome>>;
}

/** Streams a sync of `selections` as batches of Airbyte messages. */
export function readBatches(
  config: Config,
  selections: readonly Selection[],
  registry: ReadonlyMap<string, StreamDefinition>,
  options: ReadOptions = {},
): ReadRun {
  const now = options.now ?? Date.now;
  const output = new Output({ now });
  const controller = new AbortController();
  const onAbort = () => controller.abort(new CancelledError());
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const pools: PagePool[] = [];
  const ctx: ReadContext = {
    client: new HttpClient({
      credentials: credentialsOf(config),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      timeoutMs: config.request_timeout_seconds * 1000,
      maxRetries: config.max_retries,
      budget: new RetryBudget(config.retry_budget),
      limiter: new AdaptiveLimiter({ max: config.max_concurrency }),
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
  };
  const nodes = buildForest(ctx, selections, registry, options.state ?? new Map());
  const outcome = run(ctx, nodes, selections, controller)
    .finally(() => options.signal?.removeEventListener("abort", onAbort));
  return { readable: output.readable, outcome };
}

function buildForest(
  ctx: ReadContext,
  selections: readonly Selection[],
  registry: ReadonlyMap<string, StreamDefinition>,
  state: InputState,
): Map<string, StreamNode> {
  const selected = new Map(selections.map((s) => [s.name, s.mode]));
  const needed: string[] = [];
  const need = (name: string) => {
    if (needed.includes(name)) return;
    const def = registry.get(name);
    if (!def) throw new ConfigError(`Unknown stream "${name}"`);
    if (def.parent) need(def.parent.stream);
    needed.push(name);
  };
  for (const { name } of selections) need(name);
  const nodes = new Map<string, StreamNode>();
  for (const name of needed) {
    const def = registry.get(name)!;
    const parent = def.parent ? nodes.get(def.parent.stream) : undefined;
    const nested = !!(parent?.def.incremental?.filter && def.incremental);
    const mode = selected.get(name) ?? "full_refresh";
    const node = new StreamNode(ctx, def, {
      selected: selected.has(name),
      mode,
      ...(state.has(name) ? { state: state.get(name)! } : {}),
      ...(parent ? { parent } : {}),
      nested,
    });
    if (parent) (nested ? parent.nestedChildren : parent.children).push(node);
    nodes.set(name, node);
  }
  return nodes;
}

/** Marks a failure that only means "this stream is not available to the account". */
class Unavailable extends SourceError {
  constructor(message: string, stream: string) {
    super(message, "config_error", { stream });
    this.name = "Unavailable";
  }
}

async function run(
  ctx: ReadContext,
  nodes: Map<string, StreamNode>,
  selections: readonly Selection[],
  controller: AbortController,
): Promise<Map<string, StreamOutcome>> {
  const { output } = ctx;
  const outcomes = new Map<string, StreamOutcome>();
  let fatal: SourceError | undefined;
  for (const { name } of selections) output.status(name, "STARTED");

  const settle = (node: StreamNode, error?: SourceError) => {
    for (const n of [node, ...node.nestedDescendants()]) {
      if (!n.selected || outcomes.has(n.def.name)) continue;
      const records = output.counters(n.def.name).records;
      if (!error) {
        n.finish();
        if (n.invalid > 0) {
          output.log("WARN", `"${n.def.name}": ${n.invalid} records did not match the schema`);
        }
        output.status(n.def.name, "COMPLETE");
        outcomes.set(n.def.name, { status: "COMPLETE", records, invalid: n.invalid });
        continue;
      }
      output.status(n.def.name, "INCOMPLETE");
      const own = error.stream === n.def.name || error instanceof Unavailable
        ? error
        : new SourceError(error.message, error.failureType, { stream: n.def.name, cause: error });
      if (error instanceof Unavailable) output.log("WARN", own.message);
      // After a fatal error (401, cancellation) only that one is reported, at the end.
      else if (!fatal) output.error(own);
      outcomes.set(n.def.name, { status: "INCOMPLETE", records, invalid: n.invalid, error: own });
    }
  };

  const runNode = async (node: StreamNode) => {
    let failure: SourceError | undefined;
    try {
      await node.run(controller.signal);
    } catch (caught) {
      failure = classify(caught, node);
      if (isFatal(failure)) {
        fatal ??= failure;
        controller.abort(failure);
      }
      node.queue?.discard();
    }
    settle(node, failure);
    for (const child of node.children) {
      if (!failure) child.queue!.close();
      else if (failure instanceof Unavailable) {
        child.queue!.fail(new Unavailable(failure.message, child.def.name));
      } else {
        child.queue!.fail(
          new SourceError(
            `Stream "${child.def.name}" was not fully read: its parent "${node.def.name}" failed`,
            failure.failureType,
            { stream: child.def.name, cause: failure },
          ),
        );
      }
    }
  };

  await Promise.all([...nodes.values()].filter((n) => !n.nested).map(runNode));
  if (fatal) output.error(fatal);
  await output.close();
  return outcomes;
}

function classify(caught: unknown, node: StreamNode): SourceError {
  if (caught instanceof Unavailable) return caught;
  if (
    caught instanceof HttpError && !node.parent && (caught.status === 403 || caught.status === 404)
  ) {
    return new Unavailable(
      `Skipped stream "${node.def.name}": Twilio answered ${caught.status} (is the product ` +
        `enabled for this account?): ${caught.message}`,
      node.def.name,
    );
  }
  if (caught instanceof HttpError && caught.status === 401) {
    return new ConfigError(CREDENTIALS_REJECTED, { cause: caught, internal: caught.message });
  }
  const error = asSourceError(caught);
  if (error.stream || error instanceof CancelledError) return error;
  return new SourceError(
    `Cannot read stream "${node.def.name}": ${error.message}`,
    error.failureType,
    {
      stream: node.def.name,
      cause: error,
      ...(error.internal ? { internal: error.internal } : {}),
    },
  );
}

function isFatal(error: SourceError): boolean {
  return error instanceof CancelledError ||
    (error instanceof ConfigError && !(error instanceof Unavailable));
}
