/**
 * Rate limits, faults and errors by kind, against the simulator: a sync keeps
 * going, returns exactly what a fault-free sync returns, and leaks nothing.
 *
 * The simulator's clock is fixed (`_clock.ts`): its fault decisions hash each
 * request's query, which holds dates, so a clock that moved with the day would
 * move the faults.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { STREAMS } from "../../streams/mod.ts";
import type { AirbyteMessage, JsonObject } from "../../protocol/messages.ts";
import {
  catalogOf,
  errorsOf,
  identities,
  logsOf,
  readAll,
  recordsOf,
  rewritingFetch,
  statusesOf,
} from "../_helpers.ts";
import { parseProtocolLines } from "../_protocol.ts";
import { read } from "../../source.ts";
import { configAt, simAt } from "./_clock.ts";

function statusOf(messages: readonly AirbyteMessage[], stream: string): string | undefined {
  return statusesOf(messages, stream).at(-1);
}

Deno.test("a full read under 20% 429s, 5% 5xx and 2% truncated bodies returns exactly the fault-free records", async () => {
  await using sim = await simAt({ seed: 21, pageSizeCap: 6 });
  const config = configAt(sim);
  const catalog = catalogOf(STREAMS.map((s) => s.name));
  const clean = await readAll(config, catalog, { now: () => sim.now });
  sim.setFaults({ rate429: 0.2, rate5xx: 0.05, rateTruncated: 0.02, retryAfter: 0 });
  sim.resetStats();
  const faulty = await readAll(config, catalog, { now: () => sim.now, backoffBaseMs: 1 });
  ok((sim.stats.status.get(429) ?? 0) > 10, "429s were served");
  ok((sim.stats.status.get(500) ?? 0) + (sim.stats.status.get(503) ?? 0) > 0, "5xx were served");
  deepEqual(errorsOf(faulty), []);
  for (const def of STREAMS) {
    deepEqual(
      identities(def, recordsOf(faulty, def.name)),
      identities(def, recordsOf(clean, def.name)),
      `${def.name}: same records`,
    );
    equal(statusOf(faulty, def.name), "COMPLETE");
  }
  ok(!JSON.stringify(faulty).includes(sim.authToken), "the token is in no message");
});

Deno.test("Retry-After is never undercut, in seconds or as an HTTP date", async () => {
  for (const retryAfterHttpDate of [false, true]) {
    await using sim = await simAt({
      seed: 22,
      faults: { rate429: 0.5, retryAfter: 2, retryAfterHttpDate },
    });
    const waits: number[] = [];
    const messages = await readAll(configAt(sim), catalogOf(["messages"]), {
      now: () => sim.now,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    equal(statusOf(messages, "messages"), "COMPLETE");
    ok(waits.length > 0, "the client waited");
    // An HTTP date has whole-second precision: up to 1 s of it may already have passed.
    const floor = retryAfterHttpDate ? 1000 : 2000;
    ok(waits.every((ms) => ms >= floor), `every wait >= ${floor} ms: ${waits.join(",")}`);
  }
});

Deno.test("next-page links to a foreign origin are refused and receive no credentials", async () => {
  await using sim = await simAt({
    seed: 23,
    pageSizeCap: 2,
    faults: { foreignNextPage: true },
  });
  const messages = await readAll(configAt(sim), catalogOf(["conversations", "accounts"]), {
    now: () => sim.now,
  });
  equal(sim.foreign.requests, 0, "the foreign origin was never called");
  deepEqual(sim.foreign.authorizations, []);
  equal(statusOf(messages, "conversations"), "INCOMPLETE");
  const error = errorsOf(messages).find((e) => e.stream_descriptor?.name === "conversations");
  ok(error && /foreign|Refusing/i.test(error.message), error?.message);
  equal(error?.failure_type, "system_error");
});

Deno.test("401 fails the whole sync fast as a config_error naming the likely cause", async () => {
  await using sim = await simAt({ seed: 24 });
  const token = "wrong-token-0123456789";
  const messages = await readAll(
    configAt(sim, { auth_token: token }),
    catalogOf(["messages", "conversations"]),
    {
      now: () => sim.now,
    },
  );
  const all = errorsOf(messages);
  equal(all.length, 1, "one error trace");
  equal(all[0]!.failure_type, "config_error");
  ok(/401/.test(all[0]!.message) && /auth_token|credentials/.test(all[0]!.message));
  equal(statusOf(messages, "messages"), "INCOMPLETE");
  equal(statusOf(messages, "conversations"), "INCOMPLETE");
  ok(!JSON.stringify(messages).includes(token));
  ok(sim.stats.requests < 10, "no retries of a 401");
});

/** A transport that answers `status` for requests whose URL matches `pattern`. */
function failing(pattern: RegExp, status: number, body: JsonObject): typeof fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (pattern.test(url)) {
      return Promise.resolve(new Response(JSON.stringify(body), { status }));
    }
    return fetch(input, init);
  };
}

Deno.test("403/404 for a whole product skips its streams with a WARN; the others go on", async () => {
  await using sim = await simAt({ seed: 25 });
  const fetch404 = failing(/\/studio\//, 404, { code: 20404, message: "Not found", status: 404 });
  const messages = await readAll(
    configAt(sim),
    catalogOf(["flows", "executions", "step", "accounts"]),
    {
      now: () => sim.now,
      fetch: fetch404,
    },
  );
  for (const name of ["flows", "executions", "step"]) {
    equal(statusOf(messages, name), "INCOMPLETE", name);
  }
  equal(statusOf(messages, "accounts"), "COMPLETE");
  deepEqual(errorsOf(messages), [], "a product that is off is not an error");
  ok(logsOf(messages, "WARN").some((m) => /flows/.test(m) && /404/.test(m)));
});

Deno.test("404 for one child partition skips it and keeps the rest of the stream", async () => {
  await using sim = await simAt({ seed: 26 });
  const conversations = sim.expected("conversations") as JsonObject[];
  const gone = String(conversations[0]!.sid);
  const fetch404 = failing(new RegExp(`/Conversations/${gone}/Messages`), 404, {
    code: 20404,
    message: "gone",
  });
  const messages = await readAll(configAt(sim), catalogOf(["conversation_messages"]), {
    now: () => sim.now,
    fetch: fetch404,
  });
  equal(statusOf(messages, "conversation_messages"), "COMPLETE");
  const expected = (sim.expected("conversation_messages") as JsonObject[])
    .filter((m) => m.conversation_sid !== gone).map((m) => m.sid).sort();
  deepEqual(recordsOf(messages, "conversation_messages").map((m) => m.sid).sort(), expected);
});

Deno.test("an unexpected status fails the stream with a system_error naming stream, status and path", async () => {
  await using sim = await simAt({ seed: 27 });
  const fetch418 = failing(/\/v1\/Users/, 418, { code: 99999, message: "I'm a teapot" });
  const messages = await readAll(configAt(sim), catalogOf(["users", "trunks"]), {
    now: () => sim.now,
    fetch: fetch418,
  });
  equal(statusOf(messages, "users"), "INCOMPLETE");
  equal(statusOf(messages, "trunks"), "COMPLETE");
  const error = errorsOf(messages)[0]!;
  equal(error.failure_type, "system_error");
  ok(
    error.message.includes("users") && error.message.includes("418") &&
      error.message.includes("/v1/Users"),
  );
});

Deno.test("records that fail their schema are emitted as received and logged; strict mode fails the stream", async () => {
  await using sim = await simAt({ seed: 29 });
  const broken = rewritingFetch(/\/v1\/Trunks/, (body) => {
    (body.trunks as JsonObject[])[0]!.secure = "not a boolean";
  });
  const lenient = await readAll(configAt(sim), catalogOf(["trunks"]), {
    now: () => sim.now,
    fetch: broken,
  });
  equal(statusOf(lenient, "trunks"), "COMPLETE");
  ok(recordsOf(lenient, "trunks").some((t) => t.secure === "not a boolean"), "emitted as received");
  ok(logsOf(lenient, "WARN").some((m) => /secure/.test(m)), "logged");
  const strict = await readAll(
    configAt(sim, { fail_on_invalid_records: true }),
    catalogOf(["trunks"]),
    { now: () => sim.now, fetch: broken },
  );
  equal(statusOf(strict, "trunks"), "INCOMPLETE");
  ok(errorsOf(strict)[0]!.message.includes("secure"));
});

Deno.test("a stream backing off on 429 reports RUNNING with a RATE_LIMITED reason, once per 30 s", async () => {
  await using sim = await simAt({
    seed: 30,
    pageSizeCap: 3,
    faults: { rate429: 0.3, retryAfter: 0 },
  });
  const messages = await readAll(configAt(sim), catalogOf(["messages"]), {
    now: () => sim.now,
    backoffBaseMs: 1,
  });
  const statuses = messages.flatMap((m) =>
    m.type === "TRACE" && m.trace.type === "STREAM_STATUS" ? [m.trace.stream_status] : []
  );
  const limited = statuses.filter((s) => s.reasons?.[0]?.type === "RATE_LIMITED");
  equal(limited.length, 1, "one rate-limited status in a sync shorter than 30 s");
  equal(limited[0]!.status, "RUNNING");
  equal(statuses[0]!.status, "STARTED");
  equal(statuses.at(-1)!.status, "COMPLETE");
  await parseProtocolLines(messages.map((m) => JSON.stringify(m)).join("\n"));
});

Deno.test("read() aborted by its signal ends its stream: INCOMPLETE statuses, one transient error, no hang", async () => {
  await using sim = await simAt({ seed: 41, pageSizeCap: 2, faults: { latencyMs: 5 } });
  const controller = new AbortController();
  const messages: AirbyteMessage[] = [];
  for await (
    const message of read(configAt(sim), catalogOf(["messages", "calls", "message_media"]), {
      now: () => sim.now,
      signal: controller.signal,
    })
  ) {
    messages.push(message);
    if (message.type === "STATE") controller.abort();
  }
  const all = errorsOf(messages);
  equal(all.length, 1);
  equal(all[0]!.failure_type, "transient_error");
  for (const name of ["messages", "calls", "message_media"]) {
    const last = statusOf(messages, name);
    ok(last === "INCOMPLETE" || last === "COMPLETE", `${name} ended: ${last}`);
  }
  ok(
    messages.some((m) =>
      m.type === "TRACE" && m.trace.type === "STREAM_STATUS" &&
      m.trace.stream_status.status === "INCOMPLETE"
    ),
  );
});
