import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { z } from "zod";
import { RecordValidationError } from "../../pipeline/errors.ts";
import { describeIssue, ValidateStream } from "../../pipeline/validate.ts";
import { dateTime, int, num, str } from "../../schemas/_common.ts";
import type { JsonObject } from "../../protocol/messages.ts";

const Call = z.object({ sid: str(), duration: int(), price: num(), start_time: dateTime() })
  .loose();

function run(pages: JsonObject[][], stream: ValidateStream): Promise<JsonObject[][]> {
  return Array.fromAsync(ReadableStream.from(pages).pipeThrough(stream));
}

Deno.test("ValidateStream passes valid records on untouched", async () => {
  const record = { sid: "CA1", duration: 12, price: -0.01, start_time: null, new_field: [1] };
  const reasons: string[] = [];
  const stream = new ValidateStream({
    schema: Call,
    stream: "calls",
    onInvalid: (_count, reason) => reasons.push(reason),
  });
  const out = await run([[record], [{}]], stream);
  deepEqual(out, [[{ sid: "CA1", duration: 12, price: -0.01, start_time: null, new_field: [1] }], [
    {},
  ]]);
  equal(out[0]![0], record);
  deepEqual(reasons, []);
  equal(stream.invalid, 0);
});

Deno.test("ValidateStream passes an invalid record on unchanged and reports it", async () => {
  const calls: [number, string][] = [];
  const stream = new ValidateStream({
    schema: Call,
    stream: "calls",
    onInvalid: (count, reason) => calls.push([count, reason]),
  });
  const pages = [
    [{ sid: "CA1", duration: "12" }, { sid: "CA2", duration: 3 }],
    [{ sid: 7 }],
  ];
  const out = await run(structuredClone(pages), stream);
  deepEqual(out, pages);
  equal(calls.length, 2);
  equal(calls[0]![0], 1);
  ok(calls[0]![1].startsWith("duration: "), calls[0]![1]);
  equal(calls[1]![0], 2);
  ok(calls[1]![1].startsWith("sid: "), calls[1]![1]);
  equal(stream.invalid, 2);
});

Deno.test("ValidateStream in strict mode errors the stream with RecordValidationError", async () => {
  const stream = new ValidateStream({ schema: Call, stream: "calls", strict: true });
  await rejects(
    run([[{ sid: "CA1" }], [{ sid: "CA2", price: "free" }]], stream),
    (error: unknown) => {
      ok(error instanceof RecordValidationError);
      equal(error.stream, "calls");
      equal(error.failureType, "system_error");
      ok(/"calls"/.test(error.message), error.message);
      ok(/price/.test(error.message), error.message);
      return true;
    },
  );
});

Deno.test("ValidateStream in strict mode emits the pages before the invalid one", async () => {
  const stream = new ValidateStream({ schema: Call, stream: "calls", strict: true });
  const seen: JsonObject[][] = [];
  const source = ReadableStream.from([[{ sid: "CA1" }], [{ duration: 1.5 }], [{ sid: "CA3" }]]);
  await rejects(
    (async () => {
      for await (const page of source.pipeThrough(stream)) seen.push(page);
    })(),
    RecordValidationError,
  );
  deepEqual(seen, [[{ sid: "CA1" }]]);
});

Deno.test("describeIssue() names the path of the first issue", () => {
  const result = z.object({ a: z.object({ b: z.number() }) }).safeParse({ a: { b: "x" } });
  equal(result.success, false);
  ok(describeIssue(result.error!).startsWith("a.b: "));
  const root = z.number().safeParse("x");
  ok(describeIssue(root.error!).startsWith("(record): "));
});

Deno.test("ValidateStream checks a schema the generated check does not cover with zod", async () => {
  const Named = z.object({ name: z.string().min(2), tags: z.enum(["a", "b"]).array() });
  const reasons: string[] = [];
  const stream = new ValidateStream({
    schema: Named,
    stream: "named",
    onInvalid: (_count, reason) => reasons.push(reason),
  });
  await run(
    [[{ name: "ok", tags: ["a"] }, { name: "x", tags: [] }, { name: "ok", tags: ["c"] }]],
    stream,
  );
  equal(reasons.length, 2);
  ok(reasons[0]!.startsWith("name: "), reasons[0]);
  ok(reasons[1]!.startsWith("tags.0: "), reasons[1]);
});
