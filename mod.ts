/**
 * A Twilio source for the Airbyte protocol, as a library.
 *
 * The four operations (`spec`, `check`, `discover`, `read`) return typed
 * Airbyte messages; `read` streams them as a WHATWG `ReadableStream`. `sync`
 * reads into a folder of files (one JSON lines file per stream) and keeps the
 * state there, for scheduled runs. The
 * stream registry and the Twilio simulator used by the tests are exported too,
 * so you can test your own pipelines without reaching Twilio.
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
 *     stream: { name: "messages", json_schema: {}, supported_sync_modes: ["incremental"] },
 *     sync_mode: "incremental",
 *     destination_sync_mode: "append",
 *   }],
 * };
 * let states = 0;
 * for await (const message of read(config, catalog)) {
 *   if (message.type === "STATE") states++;
 * }
 * if (states === 0) throw new Error("expected STATE messages");
 * ```
 *
 * @module
 */
export {
  check,
  type CheckOptions,
  discover,
  read,
  type ReadStreamOptions,
  spec,
} from "./source.ts";
export { sync, type SyncOptions } from "./sync/sync.ts";
export type { SyncStreamSummary, SyncSummary } from "./sync/summary.ts";
export type { ReadOptions } from "./pipeline/read.ts";
export type { HttpEvent } from "./pipeline/http_client.ts";
export type { InputState } from "./protocol/state.ts";
export { REGISTRY, STREAMS } from "./streams/mod.ts";
export type {
  DateFilter,
  DateFormat,
  IncrementalSpec,
  ParentLink,
  Product,
  RecordSchema,
  RefreshSpec,
  StreamDefinition,
} from "./streams/_define.ts";
export type {
  AirbyteMessage,
  AirbyteRecord,
  AirbyteStream,
  AirbyteStreamState,
  AirbyteTrace,
  ConnectorSpecification,
  JsonObject,
  LogLevel,
  StreamDescriptor,
  StreamStatus,
} from "./protocol/messages.ts";
export {
  CancelledError,
  ConfigError,
  type FailureType,
  HttpError,
  type HttpErrorOptions,
  SourceError,
  type SourceErrorOptions,
} from "./pipeline/errors.ts";
export {
  type ExpectedOptions,
  type FaultOptions,
  type ForeignServer,
  type MutateOptions,
  type MutationSummary,
  type RequestLogEntry,
  type Simulator,
  type SimulatorOptions,
  type SimulatorStats,
  startSimulator,
} from "./simulator/mod.ts";
