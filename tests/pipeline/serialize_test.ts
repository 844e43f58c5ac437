import { deepEqual, equal, ok } from "node:assert/strict";
import { REDACTED } from "../../pipeline/normalize.ts";
import { LineEncoder, serialize, SerializeStream } from "../../pipeline/serialize.ts";
import {
  type AirbyteMessage,
  logMessage,
  recordMessage,
  stateMessage,
} from "../../protocol/messages.ts";

const TOKEN = "0123456789abcdef0123456789abcdef";

const MESSAGES: AirbyteMessage[] = [
  recordMessage("calls", { sid: "CA1", to: "+15550100", note: "line\nbreak" }, 1700000000000),
  stateMessage("calls", { states: [] }, 1),
  logMessage("INFO", "done"),
];

Deno.test("serialize() writes one JSON line per message", () => {
  const text = serialize(MESSAGES);
  ok(text.endsWith("\n"));
  const lines = text.split("\n").slice(0, -1);
  equal(lines.length, 3);
  deepEqual(lines.map((line) => JSON.parse(line)), MESSAGES);
});

Deno.test("serialize() writes nothing for no messages", () => {
  equal(serialize([]), "");
});

Deno.test("serialize() masks every occurrence of a secret", () => {
  const text = serialize([
    recordMessage("accounts", { auth_token: TOKEN, note: `token=${TOKEN}` }, 0),
    logMessage("WARN", `retrying with ${TOKEN}`),
  ], [TOKEN]);
  ok(!text.includes(TOKEN));
  const [record, log] = text.trim().split("\n").map((line) => JSON.parse(line));
  equal(record.record.data.auth_token, REDACTED);
  equal(record.record.data.note, `token=${REDACTED}`);
  equal(log.log.message, `retrying with ${REDACTED}`);
});

Deno.test("serialize() masks a secret that JSON escapes", () => {
  const secret = 'pa"ss\\word';
  const text = serialize([logMessage("INFO", `secret is ${secret}`)], [secret]);
  const message = JSON.parse(text.trim());
  ok(!message.log.message.includes(secret), message.log.message);
  ok(!text.includes(JSON.stringify(secret).slice(1, -1)), text);
});

Deno.test("serialize() ignores secrets shorter than four characters, as SerializeStream does", () => {
  const text = serialize([logMessage("INFO", "type e and abc")], ["e", "abc", ""]);
  deepEqual(JSON.parse(text), logMessage("INFO", "type e and abc"));
});

Deno.test("SerializeStream output decodes to the same lines as serialize()", async () => {
  const batches = [MESSAGES.slice(0, 2), [], MESSAGES.slice(2)];
  const chunks = await Array.fromAsync(
    ReadableStream.from(batches).pipeThrough(new SerializeStream()),
  );
  equal(chunks.length, 2);
  for (const chunk of chunks) ok(chunk instanceof Uint8Array);
  const decoder = new TextDecoder();
  const text = chunks.map((chunk) => decoder.decode(chunk)).join("");
  equal(text, serialize(MESSAGES));
});

Deno.test("SerializeStream masks secrets and ignores ones shorter than four characters", async () => {
  const batches = [[
    logMessage("INFO", `token ${TOKEN} and abc`),
    recordMessage("accounts", { auth_token: TOKEN }, 0),
  ]];
  const chunks = await Array.fromAsync(
    ReadableStream.from(batches).pipeThrough(new SerializeStream({ secrets: [TOKEN, "abc", ""] })),
  );
  const text = chunks.map((chunk) => new TextDecoder().decode(chunk)).join("");
  ok(!text.includes(TOKEN));
  const lines = text.trim().split("\n").map((line) => JSON.parse(line));
  equal(lines[0].log.message, `token ${REDACTED} and abc`);
  equal(lines[1].record.data.auth_token, REDACTED);
});

Deno.test("SerializeStream encodes characters outside ASCII as UTF-8", async () => {
  const batches = [
    [recordMessage("messages", { body: "plain" }, 0)],
    [recordMessage("messages", { body: "Grüße, 你好 😀" }, 0), logMessage("INFO", "é")],
  ];
  const chunks = await Array.fromAsync(
    ReadableStream.from(batches).pipeThrough(new SerializeStream()),
  );
  for (const [i, chunk] of chunks.entries()) {
    deepEqual(chunk, new TextEncoder().encode(serialize(batches[i]!)));
  }
});

Deno.test("LineEncoder with reuse writes every batch into one buffer, and SerializeStream never does", async () => {
  const long = Array.from(
    { length: 50 },
    (_, i) => logMessage("INFO", `line ${i} ${"x".repeat(i)}`),
  );
  const batches = [long, [logMessage("INFO", "short")], long.slice(0, 10)];
  const encoder = new LineEncoder({ reuse: true });
  const views = batches.map((batch) => {
    const bytes = encoder.encode(batch);
    equal(new TextDecoder().decode(bytes), serialize(batch), "each result is right when returned");
    return bytes;
  });
  equal(views[0]!.buffer, views[2]!.buffer, "the largest batch's buffer serves the later ones");
  const chunks = await Array.fromAsync(
    ReadableStream.from(batches).pipeThrough(new SerializeStream()),
  );
  equal(new Set(chunks.map((c) => c.buffer)).size, chunks.length, "a buffer of its own per chunk");
  deepEqual(chunks.map((c) => new TextDecoder().decode(c)), batches.map((b) => serialize(b)));
});

Deno.test("LineEncoder writes each RECORD as JSON.stringify writes the message, across streams and stamps", () => {
  const batch: AirbyteMessage[] = [
    recordMessage("calls", { sid: "CA1", price: -0.0075, nested: { a: [1, null] } }, 1),
    recordMessage("calls", { sid: "CA2", body: 'quote " and \\ and \u2028 and é' }, 1),
    recordMessage("calls", { sid: "CA3" }, 2),
    recordMessage('odd "name"', { sid: "X1" }, 2),
    stateMessage("calls", { states: [] }, 3),
    recordMessage("calls", {}, 2),
    recordMessage("calls", { sid: "CA4" }, Number.NaN),
  ];
  const expected = batch.map((message) => JSON.stringify(message) + "\n").join("");
  const encoder = new LineEncoder({ reuse: true });
  equal(new TextDecoder().decode(encoder.encode(batch)), expected);
  equal(
    new TextDecoder().decode(encoder.encode(batch.toReversed())),
    [...batch].reverse().map((
      message,
    ) => JSON.stringify(message) + "\n").join(""),
  );
  equal(serialize(batch), expected);
});
