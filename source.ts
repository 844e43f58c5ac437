/**
 * The four Airbyte operations, as functions. `mod.ts` re-exports them for
 * library users and `main.ts` wraps them in the CLI.
 *
 * @module
 */
import { HttpClient } from "./pipeline/http_client.ts";
import { AdaptiveLimiter } from "./pipeline/limiter.ts";
import { readBatches, type ReadOptions, type ReadRun } from "./pipeline/read.ts";
import { Router } from "./pipeline/routing.ts";
import { chooseAccounts, describeChoice } from "./pipeline/account_choice.ts";
import { isAccountList, listAccounts, treeOf } from "./pipeline/accounts.ts";
import { ConfigError, CREDENTIALS_REJECTED, HttpError, SourceError } from "./pipeline/errors.ts";
import { type Config, credentialsOf, parseConfig } from "./protocol/config.ts";
import { parseCatalog } from "./protocol/catalog.ts";
import { type AirbyteMessage, connectionStatusMessage } from "./protocol/messages.ts";
import { connectorSpecification } from "./protocol/spec.ts";
import { parseState } from "./protocol/state.ts";
import { airbyteStream, syncModes } from "./streams/catalog.ts";
import { REGISTRY, STREAMS } from "./streams/mod.ts";

/**
 * The SPEC message: the config's JSON schema.
 *
 * @example
 * ```ts
 * import { spec } from "./mod.ts";
 * const message = spec();
 * if (message.type !== "SPEC") throw new Error("expected SPEC");
 * const properties = message.spec.connectionSpecification.properties as object;
 * if (!("account_sid" in properties)) throw new Error("expected account_sid");
 * ```
 */
export function spec(): AirbyteMessage {
  return { type: "SPEC", spec: connectorSpecification() };
}

/**
 * Options of {@linkcode check}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { check, type CheckOptions } from "./mod.ts";
 * const options: CheckOptions = {
 *   fetch: () => Promise.resolve(Response.json({ code: 20003 }, { status: 401 })),
 * };
 * const sid = "AC" + "0".repeat(32);
 * const config = { account_sid: sid, auth_token: "wrong", start_date: "2024-01-01T00:00:00Z" };
 * const message = await check(config, options);
 * assert.ok(message.type === "CONNECTION_STATUS");
 * assert.equal(message.connectionStatus.status, "FAILED");
 * assert.match(message.connectionStatus.message ?? "", /rejected the credentials \(401\)/);
 * ```
 */
export interface CheckOptions {
  /** Transport (default: the global `fetch`). */
  fetch?: typeof fetch;
  /** Cancels the check. */
  signal?: AbortSignal;
}

/**
 * The CONNECTION_STATUS message: validates the config, then reads the
 * Accounts list with its credentials, checks `account_sids` against it and
 * says how many accounts the sync reads (of the shard, with `account_shard`).
 * Never throws for bad input or an unreachable host.
 *
 * @example
 * ```ts
 * import { check, startSimulator } from "./mod.ts";
 * await using sim = await startSimulator();
 * const status = await check({
 *   account_sid: sim.accountSid,
 *   auth_token: sim.authToken,
 *   start_date: "2024-01-01T00:00:00Z",
 *   base_url: sim.url,
 * });
 * if (status.type !== "CONNECTION_STATUS") throw new Error("expected a status");
 * if (status.connectionStatus.status !== "SUCCEEDED") throw new Error("expected SUCCEEDED");
 * ```
 */
export async function check(
  rawConfig: unknown,
  options: CheckOptions = {},
): Promise<AirbyteMessage> {
  let config: Config;
  try {
    config = parseConfig(rawConfig);
  } catch (error) {
    return connectionStatusMessage(false, (error as Error).message);
  }
  const router = new Router({ baseUrl: config.base_url, region: config.region, edge: config.edge });
  const client = new HttpClient({
    credentials: credentialsOf(config),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    timeoutMs: Math.min(config.request_timeout_seconds, 30) * 1000,
    maxRetries: 2,
    limiter: new AdaptiveLimiter({ max: 1 }),
    backoff: { baseMs: 250 },
  });
  const list = [...REGISTRY.values()].find(isAccountList)!;
  const signal = options.signal ?? new AbortController().signal;
  try {
    const records = await listAccounts({ client, router, def: list, signal });
    const tree = treeOf(records, config.account_sid);
    const chosen = chooseAccounts(tree, config).length;
    return connectionStatusMessage(true, `Reads ${describeChoice(chosen, tree.length, config)}`);
  } catch (error) {
    if (error instanceof ConfigError) return connectionStatusMessage(false, error.message);
    return connectionStatusMessage(false, explainCheckFailure(error, router));
  }
}

function explainCheckFailure(error: unknown, router: Router): string {
  const http = error instanceof HttpError
    ? error
    : error instanceof SourceError && error.cause instanceof HttpError
    ? error.cause
    : undefined;
  if (http?.status === 401) {
    return CREDENTIALS_REJECTED;
  }
  if (http?.status === 0) {
    return `Could not reach Twilio at ${router.root("api")}: ${http.message}`;
  }
  if (http) return `Twilio answered ${http.status}: ${http.message}`;
  return `Connection check failed: ${(error as Error).message}`;
}

/**
 * The CATALOG message: every stream of the registry. Throws a `ConfigError`
 * for an invalid config.
 *
 * @example
 * ```ts
 * import { discover } from "./mod.ts";
 * const message = discover({
 *   account_sid: "AC" + "0".repeat(32),
 *   auth_token: "token",
 *   start_date: "2024-01-01T00:00:00Z",
 * });
 * if (message.type !== "CATALOG") throw new Error("expected CATALOG");
 * if (message.catalog.streams.length !== 40) throw new Error("expected 40 streams");
 * ```
 */
export function discover(rawConfig: unknown): AirbyteMessage {
  parseConfig(rawConfig);
  return { type: "CATALOG", catalog: { streams: STREAMS.map(airbyteStream) } };
}

/**
 * Options of {@linkcode read}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConfigError, read, type ReadStreamOptions } from "./mod.ts";
 * const sid = "AC" + "0".repeat(32);
 * const config = { account_sid: sid, auth_token: "token", start_date: "2024-01-01T00:00:00Z" };
 * const stream = { name: "accounts", json_schema: {}, supported_sync_modes: ["full_refresh"] };
 * const selected = { stream, sync_mode: "full_refresh", destination_sync_mode: "overwrite" };
 * const options: ReadStreamOptions = { state: "not a state" };
 * assert.throws(() => read(config, { streams: [selected] }, options), (error) => {
 *   return error instanceof ConfigError && error.message.startsWith("Invalid state");
 * });
 * ```
 */
export interface ReadStreamOptions extends Omit<ReadOptions, "state"> {
  /** The saved state, in any form the CLI's `--state` file accepts. */
  state?: unknown;
}

/**
 * Starts a read and returns the message batches and, once they end, each
 * stream's outcome. Throws a `ConfigError` for an invalid config, catalog or
 * state before anything is read.
 */
export function readRun(
  rawConfig: unknown,
  rawCatalog: unknown,
  options: ReadStreamOptions = {},
): ReadRun {
  const config = parseConfig(rawConfig);
  const selections = parseCatalog(rawCatalog, (name) => {
    const def = REGISTRY.get(name);
    return def && !def.internal ? syncModes(def) : undefined;
  });
  const { state, ...rest } = options;
  return readBatches(config, selections, REGISTRY, { ...rest, state: parseState(state) });
}

/**
 * Reads the selected streams: a stream of typed Airbyte messages (records,
 * states, stream statuses, logs and error traces). Throws a `ConfigError` for
 * an invalid config, catalog or state before anything is read.
 *
 * @example
 * ```ts
 * import { read, startSimulator } from "./mod.ts";
 * await using sim = await startSimulator();
 * const config = {
 *   account_sid: sim.accountSid,
 *   auth_token: sim.authToken,
 *   start_date: "2024-01-01T00:00:00Z",
 *   base_url: sim.url,
 * };
 * const catalog = {
 *   streams: [{
 *     stream: { name: "accounts", json_schema: {}, supported_sync_modes: ["full_refresh"] },
 *     sync_mode: "full_refresh",
 *     destination_sync_mode: "overwrite",
 *   }],
 * };
 * let records = 0;
 * for await (const message of read(config, catalog)) {
 *   if (message.type === "RECORD") records++;
 * }
 * if (records === 0) throw new Error("expected records");
 * ```
 */
export function read(
  rawConfig: unknown,
  rawCatalog: unknown,
  options: ReadStreamOptions = {},
): ReadableStream<AirbyteMessage> {
  return readRun(rawConfig, rawCatalog, options).readable.pipeThrough(
    new TransformStream<AirbyteMessage[], AirbyteMessage>({
      transform(batch, controller) {
        for (const message of batch) controller.enqueue(message);
      },
    }),
  );
}
