/**
 * Typed Airbyte protocol messages and the constructors the connector uses.
 * Shapes follow the official protocol schema (`AirbyteMessage` and friends).
 *
 * @module
 */
import type { FailureType } from "../pipeline/errors.ts";

/**
 * A JSON object, as records and stream states are.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type JsonObject, REGISTRY } from "../mod.ts";
 * const message: JsonObject = { sid: "SM1", num_media: "0" };
 * assert.equal(REGISTRY.get("message_media")?.skipParent?.(message), true);
 * ```
 */
export type JsonObject = Record<string, unknown>;

/**
 * `StreamDescriptor`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { StreamDescriptor } from "../mod.ts";
 * import { statusMessage } from "./messages.ts";
 * const descriptor: StreamDescriptor = { name: "calls" };
 * const message = statusMessage(descriptor.name, "STARTED", 0);
 * assert.ok(message.type === "TRACE" && message.trace.type === "STREAM_STATUS");
 * assert.deepEqual(message.trace.stream_status.stream_descriptor, descriptor);
 * ```
 */
export interface StreamDescriptor {
  /** The stream's name. */
  name: string;
  /** The stream's namespace, if any. */
  namespace?: string;
}

/**
 * `AirbyteRecordMessage`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { AirbyteRecord } from "../mod.ts";
 * import { recordMessage } from "./messages.ts";
 * const record: AirbyteRecord = { stream: "calls", data: { sid: "CA1" }, emitted_at: 0 };
 * assert.deepEqual(recordMessage("calls", { sid: "CA1" }, 0), { type: "RECORD", record });
 * ```
 */
export interface AirbyteRecord {
  /** The stream the record belongs to. */
  stream: string;
  /** The record itself. */
  data: JsonObject;
  /** When the record was read, epoch milliseconds. */
  emitted_at: number;
}

/**
 * `AirbyteStateMessage` of type STREAM, with `sourceStats`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { AirbyteStreamState } from "../mod.ts";
 * import { stateMessage } from "./messages.ts";
 * const state: AirbyteStreamState = {
 *   type: "STREAM",
 *   stream: { stream_descriptor: { name: "calls" }, stream_state: { cursor: "2024-05-01" } },
 *   sourceStats: { recordCount: 2 },
 * };
 * assert.deepEqual(stateMessage("calls", { cursor: "2024-05-01" }, 2), { type: "STATE", state });
 * ```
 */
export interface AirbyteStreamState {
  /** Always `STREAM`: this connector keeps one state per stream. */
  type: "STREAM";
  /** The stream and its opaque state blob. */
  stream: { stream_descriptor: StreamDescriptor; stream_state: JsonObject };
  /** How many records the stream emitted since its previous STATE. */
  sourceStats?: { recordCount: number };
}

/**
 * Stream status values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { StreamStatus } from "../mod.ts";
 * import { statusMessage } from "./messages.ts";
 * const status: StreamStatus = "COMPLETE";
 * const message = statusMessage("calls", status, 0);
 * assert.ok(message.type === "TRACE" && message.trace.type === "STREAM_STATUS");
 * assert.equal(message.trace.stream_status.status, "COMPLETE");
 * ```
 */
export type StreamStatus = "STARTED" | "RUNNING" | "COMPLETE" | "INCOMPLETE";

/**
 * `AirbyteTraceMessage` (the kinds this connector emits).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { AirbyteTrace } from "../mod.ts";
 * import { errorMessage } from "./messages.ts";
 * const trace: AirbyteTrace = {
 *   type: "ERROR",
 *   emitted_at: 0,
 *   error: { message: "Boom", failure_type: "system_error", stream_descriptor: { name: "calls" } },
 * };
 * const message = errorMessage("Boom", "system_error", 0, { stream: "calls" });
 * assert.deepEqual(message, { type: "TRACE", trace });
 * ```
 */
export type AirbyteTrace =
  | {
    type: "STREAM_STATUS";
    emitted_at: number;
    stream_status: {
      stream_descriptor: StreamDescriptor;
      status: StreamStatus;
      reasons?: { type: "RATE_LIMITED"; rate_limited?: { quota_reset?: number } }[];
    };
  }
  | {
    type: "ERROR";
    emitted_at: number;
    error: {
      message: string;
      internal_message?: string;
      failure_type: FailureType;
      stream_descriptor?: StreamDescriptor;
    };
  };

/**
 * Log levels of `AirbyteLogMessage`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { LogLevel } from "../mod.ts";
 * import { logMessage } from "./messages.ts";
 * const level: LogLevel = "WARN";
 * const message = logMessage(level, "Slow");
 * assert.deepEqual(message, { type: "LOG", log: { level: "WARN", message: "Slow" } });
 * ```
 */
export type LogLevel = "FATAL" | "ERROR" | "WARN" | "INFO" | "DEBUG" | "TRACE";

/**
 * `AirbyteStream`, as `discover` prints it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type AirbyteStream, discover } from "../mod.ts";
 * const sid = "AC" + "0".repeat(32);
 * const config = { account_sid: sid, auth_token: "token", start_date: "2024-01-01T00:00:00Z" };
 * const message = discover(config);
 * assert.ok(message.type === "CATALOG");
 * const calls: AirbyteStream | undefined = message.catalog.streams.find((s) => s.name === "calls");
 * assert.deepEqual(calls?.supported_sync_modes, ["full_refresh", "incremental"]);
 * assert.deepEqual(calls?.default_cursor_field, ["end_time"]);
 * ```
 */
export interface AirbyteStream {
  /** The stream's catalog name. */
  name: string;
  /** The JSON schema (draft 7) of the stream's records. */
  json_schema: JsonObject;
  /** The sync modes the stream offers. */
  supported_sync_modes: ("full_refresh" | "incremental")[];
  /** Whether the connector picks the cursor (the user cannot choose another). */
  source_defined_cursor?: boolean;
  /** The cursor field path of incremental syncs. */
  default_cursor_field?: string[];
  /** The primary key, as a list of field paths. */
  source_defined_primary_key?: string[][];
  /** Whether an interrupted sync of the stream can resume from its last state. */
  is_resumable?: boolean;
}

/**
 * `ConnectorSpecification`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type ConnectorSpecification, spec } from "../mod.ts";
 * const message = spec();
 * assert.ok(message.type === "SPEC");
 * const specification: ConnectorSpecification = message.spec;
 * assert.deepEqual(specification.connectionSpecification.required, ["account_sid", "start_date"]);
 * ```
 */
export interface ConnectorSpecification {
  /** Where the connector's documentation lives. */
  documentationUrl?: string;
  /** The Airbyte protocol version the connector speaks. */
  protocol_version?: string;
  /** The JSON schema of the config. */
  connectionSpecification: JsonObject;
}

/**
 * `AirbyteMessage`: one line of the connector's stdout.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type AirbyteMessage, spec } from "../mod.ts";
 * function summary(message: AirbyteMessage): string {
 *   if (message.type === "RECORD") return `${message.record.stream} record`;
 *   if (message.type === "LOG") return message.log.message;
 *   return message.type;
 * }
 * assert.equal(summary({ type: "LOG", log: { level: "INFO", message: "Hi" } }), "Hi");
 * assert.equal(summary(spec()), "SPEC");
 * ```
 */
export type AirbyteMessage =
  | { type: "RECORD"; record: AirbyteRecord }
  | { type: "STATE"; state: AirbyteStreamState }
  | { type: "LOG"; log: { level: LogLevel; message: string } }
  | { type: "TRACE"; trace: AirbyteTrace }
  | { type: "SPEC"; spec: ConnectorSpecification }
  | { type: "CATALOG"; catalog: { streams: AirbyteStream[] } }
  | {
    type: "CONNECTION_STATUS";
    connectionStatus: { status: "SUCCEEDED" | "FAILED"; message?: string };
  };

/** A RECORD message. */
export function recordMessage(stream: string, data: JsonObject, emittedAt: number): AirbyteMessage {
  return { type: "RECORD", record: { stream, data, emitted_at: emittedAt } };
}

/** A per-stream STATE message; `recordCount` counts the stream's records since its previous STATE. */
export function stateMessage(
  stream: string,
  streamState: JsonObject,
  recordCount: number,
): AirbyteMessage {
  return {
    type: "STATE",
    state: {
      type: "STREAM",
      stream: { stream_descriptor: { name: stream }, stream_state: streamState },
      sourceStats: { recordCount },
    },
  };
}

/** A TRACE STREAM_STATUS message, with `reasons` when given. */
export function statusMessage(
  stream: string,
  status: StreamStatus,
  at: number,
  reasons?: Extract<AirbyteTrace, { type: "STREAM_STATUS" }>["stream_status"]["reasons"],
): AirbyteMessage {
  return {
    type: "TRACE",
    trace: {
      type: "STREAM_STATUS",
      emitted_at: at,
      stream_status: {
        stream_descriptor: { name: stream },
        status,
        ...(reasons ? { reasons } : {}),
      },
    },
  };
}

/** A TRACE ERROR message. */
export function errorMessage(
  message: string,
  failureType: FailureType,
  at: number,
  options: { stream?: string | undefined; internal?: string | undefined } = {},
): AirbyteMessage {
  const error: Extract<AirbyteTrace, { type: "ERROR" }>["error"] = {
    message,
    failure_type: failureType,
  };
  if (options.internal !== undefined) error.internal_message = options.internal;
  if (options.stream !== undefined) error.stream_descriptor = { name: options.stream };
  return { type: "TRACE", trace: { type: "ERROR", emitted_at: at, error } };
}

/** A LOG message. */
export function logMessage(level: LogLevel, message: string): AirbyteMessage {
  return { type: "LOG", log: { level, message } };
}

/** A CONNECTION_STATUS message. */
export function connectionStatusMessage(ok: boolean, message?: string): AirbyteMessage {
  const connectionStatus: { status: "SUCCEEDED" | "FAILED"; message?: string } = {
    status: ok ? "SUCCEEDED" : "FAILED",
  };
  if (message !== undefined) connectionStatus.message = message;
  return { type: "CONNECTION_STATUS", connectionStatus };
}
