/**
 * Reading the `--state` input: the per-stream array the platform passes today,
 * the legacy object form, and single messages; the result is one opaque blob
 * per stream, interpreted later by each stream's cursor tracker.
 *
 * @module
 */
import { ConfigError } from "../pipeline/errors.ts";
import type { JsonObject } from "./messages.ts";

/**
 * Saved state per stream name. A stream reset by the platform (null state) is absent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { InputState } from "../mod.ts";
 * import { parseState } from "./state.ts";
 * const state: InputState = parseState([
 *   { type: "STREAM", stream: { stream_descriptor: { name: "calls" }, stream_state: { n: 1 } } },
 *   { type: "STREAM", stream: { stream_descriptor: { name: "messages" }, stream_state: null } },
 * ]);
 * assert.deepEqual([...state.keys()], ["calls"]);
 * assert.deepEqual(state.get("calls"), { n: 1 });
 * ```
 */
export type InputState = Map<string, JsonObject>;

/** Parses a state file's JSON into one blob per stream. */
export function parseState(raw: unknown): InputState {
  const result: InputState = new Map();
  if (raw === null || raw === undefined) return result;
  if (Array.isArray(raw)) {
    raw.forEach((entry, i) => readMessage(entry, `state[${i}]`, result));
    return result;
  }
  if (typeof raw !== "object") throw bad("expected an array of state messages or an object");
  const object = raw as JsonObject;
  if (typeof object.type === "string") {
    readMessage(object, "state", result);
    return result;
  }
  // The legacy form: { "<stream>": <stream state>, ... }.
  for (const [stream, value] of Object.entries(object)) {
    if (value === null) continue;
    if (typeof value !== "object" || Array.isArray(value)) {
      throw bad(`the state of stream "${stream}" must be an object`);
    }
    result.set(stream, value as JsonObject);
  }
  return result;
}

function readMessage(entry: unknown, where: string, into: InputState): void {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    throw bad(`${where} must be an object`);
  }
  const message = entry as JsonObject;
  if (message.type === "GLOBAL" || message.global !== undefined) {
    throw bad(`${where} is a GLOBAL state; this source writes per-stream (STREAM) states`);
  }
  if (message.type === "LEGACY" || (message.stream === undefined && message.data !== undefined)) {
    const legacy = parseState(message.data ?? {});
    for (const [stream, state] of legacy) into.set(stream, state);
    return;
  }
  const stream = message.stream as JsonObject | undefined;
  const descriptor = stream?.stream_descriptor as JsonObject | undefined;
  if (typeof descriptor?.name !== "string") {
    throw bad(`${where} has no stream.stream_descriptor.name`);
  }
  const state = stream?.stream_state;
  if (state === null || state === undefined) return;
  if (typeof state !== "object" || Array.isArray(state)) {
    throw bad(`${where}.stream.stream_state must be an object`);
  }
  into.set(descriptor.name, state as JsonObject);
}

function bad(detail: string): ConfigError {
  return new ConfigError(`Invalid state: ${detail}`);
}
