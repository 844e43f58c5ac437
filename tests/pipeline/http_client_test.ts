import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { CancelledError, HttpError, SourceError } from "../../pipeline/errors.ts";
import {
  HttpClient,
  type HttpClientOptions,
  type HttpEvent,
  safe,
} from "../../pipeline/http_client.ts";
import { AdaptiveLimiter } from "../../pipeline/limiter.ts";
import { ProgressGuard } from "../../pipeline/retry.ts";
import { hash32 } from "../../simulator/_random.ts";

const ACCOUNT = "AC0123456789abcdef0123456789abcdef";
const PASSWORD = "s3cr3t-auth-token-value";
const URL_ = new URL(
  `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Calls.json?PageSize=50`,
);
const NOW = Date.parse("2024-03-01T12:00:00Z");

/** One answer of the fake transport: a response, an error to throw, or a function of the request. */
type Answer = Response | Error | ((init: RequestInit) => Promise<Response>);

interface Harness {
  client: HttpClient;
  /** What the client handed to `fetch`, one entry per attempt. */
  calls: { url: string; init: RequestInit }[];
  /** Delays the client asked the fake sleep for. */
  delays: number[];
  events: HttpEvent[];
}

function harness(answers: Answer[], options: Partial<HttpClientOptions> = {}): Harness {
  const calls: Harness["calls"] = [];
  const delays: number[] = [];
  const events: HttpEvent[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    calls.push({ url: String(input), init: init ?? {} });
    const answer = answers.shift();
    if (answer === undefined) throw new Error("The fake transport ran out of answers");
    if (answer instanceof Error) return Promise.reject(answer);
    if (typeof answer === "function") return answer(init ?? {});
    return Promise.resolve(answer);
  };
  const client = new HttpClient({
    credentials: { username: ACCOUNT, password: PASSWORD },
    fetch,
    sleep: (ms, signal) => {
      delays.push(ms);
      signal?.throwIfAborted();
      return Promise.resolve();
    },
    now: () => NOW,
    backoff: { random: () => 0.5 },
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { client, calls, delays, events };
}

function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

const PAGE = { calls: [{ sid: "CA1" }], next_page_uri: null };

function twilioError(status: number, code: number, message: string): Response {
  return json(
    { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
    status,
  );
}

/** A transport answer that hangs until the request's signal aborts. */
function hang(init: RequestInit): Promise<Response> {
  return new Promise((_, reject) => {
    const signal = init.signal!;
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

Deno.test("HttpClient.getJson() sends Basic auth, asks for JSON and returns the parsed body", async () => {
  const { client, calls } = harness([json(PAGE)]);
  deepEqual(await client.getJson(URL_), PAGE);
  equal(calls.length, 1);
  equal(calls[0]!.url, URL_.href);
  const headers = new Headers(calls[0]!.init.headers);
  equal(headers.get("authorization"), `Basic ${btoa(`${ACCOUNT}:${PASSWORD}`)}`);
  equal(headers.get("accept"), "application/json");
});

Deno.test("HttpClient.getJson() decodes a body whose characters are split across chunks", async () => {
  const body = { calls: [{ sid: "CA1", to: "Zoë 📞 東京" }], next_page_uri: null };
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  // One byte per chunk: every multi-byte character arrives in pieces.
  const chunks = [...bytes].map((b) => new Uint8Array([b]));
  const { client } = harness([new Response(ReadableStream.from(chunks), { status: 200 })]);
  let length = 0;
  deepEqual(await client.getJson(URL_, { onBody: (n) => length = n }), body);
  equal(length, JSON.stringify(body).length, "onBody receives the length of the text parsed");
});

Deno.test("HttpClient.getJson() does not follow redirects", async () => {
  const { client, calls } = harness([
    new Response(null, { status: 301, headers: { location: "https://evil.example/" } }),
  ]);
  await rejects(client.getJson(URL_), (error: unknown) => {
    return error instanceof HttpError && error.status === 301;
  });
  equal(calls.length, 1);
  equal(calls[0]!.init.redirect, "manual");
});

Deno.test("HttpClient.getJson() retries 429 and waits at least Retry-After seconds", async () => {
  const { client, calls, delays } = harness([
    json({ code: 20429, message: "Too Many Requests" }, 429, { "retry-after": "7" }),
    json(PAGE),
  ]);
  deepEqual(await client.getJson(URL_), PAGE);
  equal(calls.length, 2);
  equal(delays.length, 1);
  ok(delays[0]! >= 7000, `waited ${delays[0]} ms`);
  equal(client.retries, 1);
});

Deno.test("HttpClient.getJson() honours a Retry-After date against the injected clock", async () => {
  const { client, delays } = harness([
    json({}, 429, { "retry-after": "Fri, 01 Mar 2024 12:00:42 GMT" }),
    json(PAGE),
  ]);
  await client.getJson(URL_);
  ok(delays[0]! >= 42_000, `waited ${delays[0]} ms`);
  ok(delays[0]! < 43_000, `waited ${delays[0]} ms`);
});

for (const status of [500, 502, 503, 504]) {
  Deno.test(`HttpClient.getJson() retries status ${status}`, async () => {
    const { client, calls, delays } = harness([
      new Response("Service unavailable", { status }),
      json(PAGE),
    ]);
    deepEqual(await client.getJson(URL_), PAGE);
    equal(calls.length, 2);
    equal(delays.length, 1);
  });
}

Deno.test("HttpClient.getJson() backs off exponentially between retries", async () => {
  const { client, delays } = harness(
    [503, 503, 503, 503].map((status) => new Response("", { status })).concat([json(PAGE)]),
    { backoff: { baseMs: 100, maxMs: 1000, random: () => 0 } },
  );
  await client.getJson(URL_);
  deepEqual(delays, [50, 100, 200, 400]);
});

Deno.test("HttpClient.getJson() retries a network error", async () => {
  const { client, calls } = harness([
    new TypeError("error sending request: connection reset"),
    json(PAGE),
  ]);
  deepEqual(await client.getJson(URL_), PAGE);
  equal(calls.length, 2);
});

Deno.test("HttpClient.getJson() retries a 200 with a truncated JSON body", async () => {
  const text = JSON.stringify({ calls: [{ sid: "CA1" }, { sid: "CA2" }], next_page_uri: null });
  const { client, calls } = harness([new Response(text.slice(0, 25), { status: 200 }), json(PAGE)]);
  deepEqual(await client.getJson(URL_), PAGE);
  equal(calls.length, 2);
});

Deno.test("HttpClient.getJson() reports a truncated body as a broken JSON body when it gives up", async () => {
  const { client } = harness([new Response('{"calls": [{"sid": "CA', { status: 200 })], {
    maxRetries: 0,
  });
  await rejects(client.getJson(URL_), (error: unknown) => {
    ok(error instanceof SourceError);
    equal(error.failureType, "transient_error");
    ok(error.cause instanceof HttpError);
    equal(error.cause.status, 0);
    ok(/broken JSON body/.test(error.message), error.message);
    return true;
  });
});

Deno.test("HttpClient.getJson() times a request out and retries it", async () => {
  const { client, calls, events } = harness([hang, json(PAGE)], { timeoutMs: 1 });
  deepEqual(await client.getJson(URL_), PAGE);
  equal(calls.length, 2);
  ok(events.some((e) => e.type === "retry" && e.status === 0));
});

Deno.test("HttpClient.getJson() says a request timed out when it gives up", async () => {
  const { client } = harness([hang], { timeoutMs: 1, maxRetries: 0 });
  await rejects(client.getJson(URL_), (error: unknown) => {
    ok(error instanceof SourceError);
    equal(error.failureType, "transient_error");
    ok(/timed out after 1 ms/.test(error.message), error.message);
    return true;
  });
});

for (
  const [status, code, message] of [
    [400, 20001, "Invalid PageSize"],
    [401, 20003, "Authenticate"],
    [403, 20403, "Permission denied for this resource"],
    [404, 20404, "The requested resource /2010-04-01/Accounts/AC0/Calls.json was not found"],
  ] as const
) {
  Deno.test(`HttpClient.getJson() does not retry status ${status}`, async () => {
    const { client, calls, delays } = harness([twilioError(status, code, message), json(PAGE)]);
    await rejects(client.getJson(URL_), (error: unknown) => {
      ok(error instanceof HttpError, String(error));
      equal(error.status, status);
      equal(error.code, code);
      ok(error.message.includes(message), error.message);
      ok(error.message.includes(String(status)), error.message);
      equal(error.url, URL_.href);
      return true;
    });
    equal(calls.length, 1);
    equal(delays.length, 0);
    equal(client.retries, 0);
  });
}

Deno.test("HttpClient.getJson() marks 401 as config_error and 403 as not transient", async () => {
  const { client } = harness([
    twilioError(401, 20003, "Authenticate"),
    twilioError(403, 20403, "No"),
  ]);
  await rejects(
    client.getJson(URL_),
    (e: unknown) => e instanceof HttpError && e.failureType === "config_error",
  );
  await rejects(
    client.getJson(URL_),
    (e: unknown) => e instanceof HttpError && e.failureType !== "transient_error",
  );
});

Deno.test("HttpClient.getJson() keeps the start of a non-JSON error body", async () => {
  const { client } = harness([new Response("<html>Bad Request</html>", { status: 400 })]);
  await rejects(client.getJson(URL_), (error: unknown) => {
    ok(error instanceof HttpError);
    equal(error.code, undefined);
    ok(error.message.includes("<html>Bad Request</html>"), error.message);
    return true;
  });
});

Deno.test("HttpClient.getJson() gives up after maxRetries with a transient_error", async () => {
  const { client, calls, delays } = harness(
    Array.from({ length: 10 }, () => new Response("busy", { status: 503 })),
    { maxRetries: 3 },
  );
  await rejects(client.getJson(URL_), (error: unknown) => {
    ok(error instanceof SourceError);
    equal(error.failureType, "transient_error");
    ok(error.cause instanceof HttpError);
    equal(error.cause.status, 503);
    ok(/gave up after 3 retries/.test(error.message), error.message);
    return true;
  });
  equal(calls.length, 4);
  equal(delays.length, 3);
});

/**
 * A transport where each attempt at a URL fails (503) with probability 1/4, by a hash of the
 * URL and the attempt number, at most 4 times in a row.
 */
function quarterFailing(): typeof fetch {
  const attempts = new Map<string, number>();
  return (input) => {
    const url = String(input);
    const attempt = attempts.get(url) ?? 0;
    attempts.set(url, attempt + 1);
    const fail = attempt < 4 && hash32(url, attempt) % 4 === 0;
    return Promise.resolve(fail ? new Response("", { status: 503 }) : json(PAGE));
  };
}

/** Runs `count` GETs of distinct URLs through `client`, `parallel` at a time. */
async function getMany(client: HttpClient, count: number, parallel = 10): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < count) await client.getJson(new URL(`${URL_}&Page=${next++}`));
  }));
}

Deno.test("HttpClient.getJson() gets through a retry storm that keeps making progress", async () => {
  // 5,000 requests with a quarter of attempts failing need about 1,300 retries: more than the
  // whole-sync retry budget of 1000 that used to end such a sync.
  const { client } = harness([], { fetch: quarterFailing() });
  await getMany(client, 5000);
  ok(client.retries > 1000, `${client.retries} retries`);
});

Deno.test("HttpClient.getJson() gives up when most recent requests failed, naming the share", async () => {
  const guard = new ProgressGuard({ window: 20, now: () => NOW });
  let attempts = 0;
  const { client } = harness([], {
    fetch: () => {
      attempts++;
      return Promise.resolve(new Response("", { status: 503 }));
    },
    guard,
    maxRetries: 50,
  });
  await rejects(client.getJson(URL_), (error: unknown) => {
    ok(error instanceof SourceError);
    equal(error.failureType, "transient_error");
    ok(error.cause instanceof HttpError);
    ok(error.message.includes("Twilio answered 503"), error.message);
    ok(
      error.message.includes(
        "the sync stopped making progress: 20 of the last 20 requests failed, more than 90 %",
      ),
      error.message,
    );
    return true;
  });
  equal(attempts, 20, "it gave up on the first failure of a full window");
  equal(client.retries, 19);
});

Deno.test("HttpClient.getJson() gives up when nothing succeeded for long, by the injected clock", async () => {
  let now = NOW;
  let answered = 0;
  const { client, delays } = harness([], {
    fetch: () => Promise.resolve(answered++ === 0 ? json(PAGE) : new Response("", { status: 500 })),
    guard: new ProgressGuard({ stallMs: 10 * 60_000, now: () => now }),
    maxRetries: 50,
    now: () => now,
    sleep: (ms) => {
      delays.push(ms);
      now += ms;
      return Promise.resolve();
    },
  });
  await client.getJson(URL_);
  await rejects(client.getJson(URL_), (error: unknown) => {
    ok(error instanceof SourceError);
    equal(error.failureType, "transient_error");
    ok(
      error.message.includes(
        "the sync stopped making progress: no request has succeeded for 633 s (the limit is 600 s)",
      ),
      error.message,
    );
    return true;
  });
  // Backoff of 0.375, 0.75, ... 24 s, then 45 s: 20 waits make 633 s since the one success.
  equal(delays.length, 20);
  equal(now - NOW, 632_625);
});

Deno.test("HttpClient.getJson() throws CancelledError for an already aborted signal", async () => {
  const { client, calls } = harness([json(PAGE)]);
  const signal = AbortSignal.abort(new Error("SIGTERM"));
  await rejects(client.getJson(URL_, { signal }), CancelledError);
  equal(calls.length, 0);
});

Deno.test("HttpClient.getJson() throws CancelledError when the signal aborts during a request", async () => {
  const controller = new AbortController();
  const { client, calls } = harness([(init) => {
    queueMicrotask(() => controller.abort());
    return hang(init);
  }, json(PAGE)]);
  await rejects(client.getJson(URL_, { signal: controller.signal }), CancelledError);
  equal(calls.length, 1);
  equal(client.limiter.inFlight, 0);
});

Deno.test("HttpClient.getJson() throws CancelledError when the signal aborts while it waits to retry", async () => {
  const controller = new AbortController();
  const { client, calls } = harness([new Response("", { status: 503 }), json(PAGE)], {
    sleep: (_ms, signal) => {
      controller.abort();
      signal?.throwIfAborted();
      return Promise.resolve();
    },
  });
  await rejects(client.getJson(URL_, { signal: controller.signal }), CancelledError);
  equal(calls.length, 1);
});

Deno.test("HttpClient errors never contain the password", async () => {
  const withUser = new URL(URL_);
  withUser.username = ACCOUNT;
  withUser.password = PASSWORD;
  const answers: Answer[] = [
    new TypeError(`connection to ${withUser.href} refused`),
    new Response("", { status: 503 }),
    new Response("oops", { status: 200 }),
    twilioError(404, 20404, "Not found"),
  ];
  for (const answer of answers) {
    const { client } = harness([answer], { maxRetries: 0 });
    const error = await client.getJson(withUser).then(() => undefined, (e: unknown) => e);
    ok(error instanceof SourceError, String(error));
    for (const text of [error.message, error.internal ?? "", error.stack ?? ""]) {
      ok(!text.includes(PASSWORD), text);
    }
    const http = error instanceof HttpError ? error : error.cause;
    ok(http instanceof HttpError);
    ok(!http.url.includes(PASSWORD), http.url);
    ok(!http.message.includes(PASSWORD), http.message);
  }
});

Deno.test("safe() strips user and password from a URL", () => {
  const url = new URL("https://user:pass@api.twilio.com/2010-04-01/Accounts.json?Page=2");
  equal(safe(url), "https://api.twilio.com/2010-04-01/Accounts.json?Page=2");
});

Deno.test("HttpClient reports responses and retries through onEvent", async () => {
  const { client, events } = harness([new Response("", { status: 503 }), json(PAGE)], {
    backoff: { baseMs: 100, random: () => 0 },
  });
  await client.getJson(URL_, { tag: "calls" });
  deepEqual(events, [
    { type: "response", tag: "calls", status: 503, ms: 0 },
    { type: "retry", tag: "calls", status: 503, waitMs: 50, attempt: 1 },
    { type: "response", tag: "calls", status: 200, ms: 0 },
  ]);
});

Deno.test("HttpClient releases the limiter slot as throttled on 429 and ok on success", async () => {
  const limiter = new AdaptiveLimiter({ max: 8, initial: 8 });
  // A healthy window, so that the next 429 is a fresh signal.
  const { client } = harness(
    [
      ...Array.from({ length: 8 }, () => json(PAGE)),
      json({}, 429, { "retry-after": "1" }),
      json(PAGE),
    ],
    { limiter },
  );
  for (let i = 0; i < 8; i++) await client.getJson(URL_);
  equal(limiter.limit, 8);
  await client.getJson(URL_);
  equal(limiter.limit, 4);
  equal(limiter.inFlight, 0);
});
