import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { ConfigError } from "../../pipeline/errors.ts";
import { parseState } from "../../protocol/state.ts";

const CALLS = { end_time: "2022-06-11T00:00:00Z" };
const MESSAGES = {
  states: [{ partition: { account_sid: "AC1" }, cursor: { date_sent: "2022-11-13T12:11:10Z" } }],
};

function streamMessage(name: string, state: unknown) {
  return { type: "STREAM", stream: { stream_descriptor: { name }, stream_state: state } };
}

function refuses(raw: unknown, ...patterns: RegExp[]): void {
  throws(
    () => parseState(raw),
    (error: unknown) => {
      ok(error instanceof ConfigError, `${JSON.stringify(raw)}: ${error}`);
      ok(error.message.startsWith("Invalid state: "), error.message);
      for (const pattern of patterns) ok(pattern.test(error.message), error.message);
      return true;
    },
    JSON.stringify(raw),
  );
}

Deno.test("parseState() gives no state for null, undefined and an empty array", () => {
  equal(parseState(null).size, 0);
  equal(parseState(undefined).size, 0);
  equal(parseState([]).size, 0);
  equal(parseState({}).size, 0);
});

Deno.test("parseState() reads the per-stream array form", () => {
  const state = parseState([streamMessage("calls", CALLS), streamMessage("messages", MESSAGES)]);
  deepEqual([...state], [["calls", CALLS], ["messages", MESSAGES]]);
});

Deno.test("parseState() reads the array form with namespaces and sourceStats", () => {
  const message = {
    type: "STREAM",
    stream: { stream_descriptor: { name: "calls", namespace: "twilio" }, stream_state: CALLS },
    sourceStats: { recordCount: 12 },
  };
  deepEqual([...parseState([message])], [["calls", CALLS]]);
});

Deno.test("parseState() reads the legacy object form", () => {
  deepEqual([...parseState({ calls: CALLS, messages: MESSAGES })], [["calls", CALLS], [
    "messages",
    MESSAGES,
  ]]);
});

Deno.test("parseState() skips streams with a null state in the legacy object form", () => {
  deepEqual([...parseState({ calls: CALLS, messages: null })], [["calls", CALLS]]);
});

Deno.test("parseState() reads a single STREAM message", () => {
  deepEqual([...parseState(streamMessage("calls", CALLS))], [["calls", CALLS]]);
});

Deno.test("parseState() reads LEGACY messages through their data", () => {
  deepEqual([...parseState({ type: "LEGACY", data: { calls: CALLS } })], [["calls", CALLS]]);
  deepEqual(
    [...parseState([{ type: "LEGACY", data: { calls: CALLS, messages: MESSAGES } }])],
    [["calls", CALLS], ["messages", MESSAGES]],
  );
  deepEqual([...parseState([{ data: { calls: CALLS } }])], [["calls", CALLS]]);
  equal(parseState([{ type: "LEGACY" }]).size, 0);
});

Deno.test("parseState() treats a null stream_state as a reset: the stream is absent", () => {
  const state = parseState([streamMessage("calls", null), streamMessage("messages", MESSAGES)]);
  deepEqual([...state.keys()], ["messages"]);
  const { stream_state: _, ...stream } = streamMessage("calls", CALLS).stream;
  equal(parseState([{ type: "STREAM", stream }]).size, 0);
});

Deno.test("parseState() refuses GLOBAL states", () => {
  refuses(
    [{ type: "GLOBAL", global: { shared_state: {}, stream_states: [] } }],
    /state\[0\]/,
    /GLOBAL/,
  );
  refuses({ type: "GLOBAL", global: {} }, /GLOBAL/);
  refuses([{ global: { stream_states: [] } }], /GLOBAL/);
});

Deno.test("parseState() refuses malformed array elements", () => {
  refuses([1], /state\[0\] must be an object/);
  refuses([streamMessage("calls", CALLS), null], /state\[1\] must be an object/);
  refuses([[streamMessage("calls", CALLS)]], /state\[0\] must be an object/);
  refuses([{ type: "STREAM" }], /state\[0\] has no stream\.stream_descriptor\.name/);
  refuses([{ type: "STREAM", stream: { stream_state: CALLS } }], /stream_descriptor\.name/);
  refuses(
    [{ type: "STREAM", stream: { stream_descriptor: { name: 5 }, stream_state: CALLS } }],
    /stream_descriptor\.name/,
  );
  refuses(
    [streamMessage("calls", "2022-06-11")],
    /state\[0\]\.stream\.stream_state must be an object/,
  );
  refuses([streamMessage("calls", [CALLS])], /stream_state must be an object/);
});

Deno.test("parseState() refuses other malformed inputs", () => {
  refuses("state", /expected an array/);
  refuses(42, /expected an array/);
  refuses({ calls: "2022-06-11" }, /"calls" must be an object/);
  refuses({ calls: [CALLS] }, /"calls" must be an object/);
  refuses({ type: "LEGACY", data: { calls: 1 } }, /"calls"/);
});
