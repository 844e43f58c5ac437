/**
 * A Twilio source for the Airbyte protocol, as a library.
 *
 * The four operations (`spec`, `check`, `discover`, `read`) return typed
 * Airbyte messages; `read` streams them as a WHATWG `ReadableStream`. The
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
 * for await (const message of read(config, catalog)) {
 *   if (message.type === "STATE") console.assert(message.state.sourceStats !== undefined);
 * }
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
export { REGISTRY, STREAMS } from "./streams/mod.ts";
export type { StreamDefinition } from "./streams/_define.ts";
export { type Config, parseConfig } from "./protocol/config.ts";
export type { AirbyteMessage, AirbyteStream, JsonObject } from "./protocol/messages.ts";
export {
  CancelledError,
  ConfigError,
  type FailureType,
  HttpError,
  SourceError,
} from "./pipeline/errors.ts";
export { type Simulator, type SimulatorOptions, startSimulator } from "./simulator/mod.ts";
