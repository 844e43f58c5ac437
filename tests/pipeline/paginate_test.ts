import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { SourceError } from "../../pipeline/errors.ts";
import { HttpClient } from "../../pipeline/http_client.ts";
import { type Page, type PageStep, paginate, twilioPageStep } from "../../pipeline/paginate.ts";
import { type Product, Router } from "../../pipeline/routing.ts";
import type { JsonObject } from "../../protocol/messages.ts";

const ACCOUNT = "AC0123456789abcdef0123456789abcdef";
const MESSAGES = `/2010-04-01/Accounts/${ACCOUNT}/Messages.json`;

/** A step over fixed pages keyed by URL, counting the pages it fetched. */
function pagesStep(pages: Record<string, Page>): { step: PageStep; fetched: string[] } {
  const fetched: string[] = [];
  const step: PageStep = (url) => {
    fetched.push(url.href);
    const page = pages[url.href];
    if (!page) return Promise.reject(new Error(`No page at ${url.href}`));
    return Promise.resolve({ records: page.records.map((r) => ({ ...r })), next: page.next });
  };
  return { step, fetched };
}

function records(...sids: string[]): JsonObject[] {
  return sids.map((sid) => ({ sid }));
}

const P1 = "https://api.twilio.com/p1";
const P2 = "https://api.twilio.com/p2";
const P3 = "https://api.twilio.com/p3";

Deno.test("paginate() yields one array per page until a page has no next", async () => {
  const { step, fetched } = pagesStep({
    [P1]: { records: records("a", "b"), next: new URL(P2) },
    [P2]: { records: records("c"), next: new URL(P3) },
    [P3]: { records: records("d"), next: null },
  });
  const pages = await Array.fromAsync(paginate(new URL(P1), step));
  deepEqual(pages, [records("a", "b"), records("c"), records("d")]);
  deepEqual(fetched, [P1, P2, P3]);
});

Deno.test("paginate() fetches a page only when the consumer asks for it", async () => {
  const { step, fetched } = pagesStep({
    [P1]: { records: records("a"), next: new URL(P2) },
    [P2]: { records: records("b"), next: new URL(P3) },
    [P3]: { records: records("c"), next: null },
  });
  const stream = paginate(new URL(P1), step);
  await new Promise((resolve) => setTimeout(resolve, 0));
  equal(fetched.length, 0);
  const reader = stream.getReader();
  const first = await reader.read();
  deepEqual(first.value, records("a"));
  await new Promise((resolve) => setTimeout(resolve, 0));
  equal(fetched.length, 1);
  await reader.cancel();
  equal(fetched.length, 1);
});

Deno.test("paginate() ends after an empty last page", async () => {
  const { step, fetched } = pagesStep({
    [P1]: { records: records("a"), next: new URL(P2) },
    [P2]: { records: [], next: null },
  });
  deepEqual(await Array.fromAsync(paginate(new URL(P1), step)), [records("a")]);
  equal(fetched.length, 2);
});

Deno.test("paginate() ends at once when the first page is empty", async () => {
  const { step } = pagesStep({ [P1]: { records: [], next: null } });
  deepEqual(await Array.fromAsync(paginate(new URL(P1), step)), []);
});

Deno.test("paginate() moves past an empty page that has a next link", async () => {
  const { step, fetched } = pagesStep({
    [P1]: { records: records("a"), next: new URL(P2) },
    [P2]: { records: [], next: new URL(P3) },
    [P3]: { records: records("c"), next: null },
  });
  deepEqual(await Array.fromAsync(paginate(new URL(P1), step)), [records("a"), records("c")]);
  equal(fetched.length, 3);
});

Deno.test("paginate() stops with an error when a page link repeats", async () => {
  const { step, fetched } = pagesStep({
    [P1]: { records: records("a"), next: new URL(P2) },
    [P2]: { records: records("b"), next: new URL(P1) },
  });
  const seen: JsonObject[][] = [];
  await rejects(
    (async () => {
      for await (const page of paginate(new URL(P1), step)) seen.push(page);
    })(),
    (error: unknown) => error instanceof SourceError && /repeated a page link/.test(error.message),
  );
  deepEqual(seen, [records("a"), records("b")]);
  equal(fetched.length, 2);
});

Deno.test("paginate() passes on the step's error", async () => {
  const boom = new Error("boom");
  await rejects(
    Array.fromAsync(paginate(new URL(P1), () => Promise.reject(boom))),
    (e) => e === boom,
  );
});

// twilioPageStep() with a real client over a fake transport.

interface Transport {
  client: HttpClient;
  requested: string[];
}

function transport(bodies: Record<string, unknown>): Transport {
  const requested: string[] = [];
  const fetch = (input: RequestInfo | URL): Promise<Response> => {
    const url = String(input);
    requested.push(url);
    if (!(url in bodies)) return Promise.resolve(new Response("{}", { status: 404 }));
    return Promise.resolve(new Response(JSON.stringify(bodies[url]), { status: 200 }));
  };
  const client = new HttpClient({
    credentials: { username: ACCOUNT, password: "token" },
    fetch,
    sleep: () => Promise.resolve(),
    now: () => 0,
    maxRetries: 0,
  });
  return { client, requested };
}

function read(
  t: Transport,
  router: Router,
  product: Product,
  first: URL,
  recordKey: string,
): Promise<JsonObject[][]> {
  const step = twilioPageStep({ client: t.client, router, product, recordKey, tag: "stream" });
  return Array.fromAsync(paginate(first, step));
}

Deno.test("twilioPageStep() follows 2010 next_page_uri links on the api host", async () => {
  const router = new Router();
  const first = router.url("api", `${MESSAGES}?PageSize=2`);
  const second = `${MESSAGES}?PageSize=2&Page=1&PageToken=PASM2`;
  const t = transport({
    [first.href]: { messages: records("SM1", "SM2"), next_page_uri: second, page: 0 },
    [`https://api.twilio.com${second}`]: { messages: records("SM3"), next_page_uri: null, page: 1 },
  });
  deepEqual(await read(t, router, "api", first, "messages"), [
    records("SM1", "SM2"),
    records("SM3"),
  ]);
  deepEqual(t.requested, [first.href, `https://api.twilio.com${second}`]);
});

Deno.test("twilioPageStep() follows next_page_uri under base_url", async () => {
  const router = new Router({ baseUrl: "http://127.0.0.1:4242" });
  const first = router.url("api", MESSAGES);
  const second = `${MESSAGES}?Page=1&PageToken=PASM1`;
  const t = transport({
    [first.href]: { messages: records("SM1"), next_page_uri: second },
    [`http://127.0.0.1:4242/api${second}`]: { messages: records("SM2"), next_page_uri: "" },
  });
  deepEqual(await read(t, router, "api", first, "messages"), [records("SM1"), records("SM2")]);
  equal(t.requested[1], `http://127.0.0.1:4242/api${second}`);
});

Deno.test("twilioPageStep() follows absolute meta.next_page_url links", async () => {
  const router = new Router();
  const first = router.url("conversations", "/v1/Conversations?PageSize=1");
  const second =
    "https://conversations.twilio.com/v1/Conversations?PageSize=1&Page=1&PageToken=PT1";
  const t = transport({
    [first.href]: {
      conversations: records("CH1"),
      meta: { page: 0, page_size: 1, next_page_url: second, key: "conversations" },
    },
    [second]: {
      conversations: records("CH2"),
      meta: { page: 1, page_size: 1, next_page_url: null, key: "conversations" },
    },
  });
  deepEqual(await read(t, router, "conversations", first, "conversations"), [
    records("CH1"),
    records("CH2"),
  ]);
  deepEqual(t.requested, [first.href, second]);
});

Deno.test("twilioPageStep() fetches only the first page when only it is read", async () => {
  const router = new Router();
  const first = router.url("api", MESSAGES);
  const t = transport({
    [first.href]: { messages: records("SM1"), next_page_uri: `${MESSAGES}?Page=1` },
    [`https://api.twilio.com${MESSAGES}?Page=1`]: { messages: records("SM2"), next_page_uri: null },
  });
  const step = twilioPageStep({
    client: t.client,
    router,
    product: "api",
    recordKey: "messages",
    tag: "messages",
  });
  const reader = paginate(first, step).getReader();
  deepEqual((await reader.read()).value, records("SM1"));
  await reader.cancel();
  equal(t.requested.length, 1);
});

Deno.test("twilioPageStep() without a record key reads one resource: the body is the only record", async () => {
  const router = new Router();
  const first = router.url("pricing", "/v1/Messaging/Countries/US");
  const body = { iso_country: "US", inbound_sms_prices: [{ base_price: "0.0079" }], meta: {} };
  const t = transport({ [first.href]: body });
  const step = twilioPageStep({ client: t.client, router, product: "pricing", tag: "pricing" });
  deepEqual(await Array.fromAsync(paginate(first, step)), [[body]]);
  deepEqual(t.requested, [first.href]);
});

Deno.test("twilioPageStep() fails when the record key is missing", async () => {
  const router = new Router();
  const first = router.url("api", MESSAGES);
  const t = transport({ [first.href]: { calls: records("CA1"), next_page_uri: null } });
  await rejects(read(t, router, "api", first, "messages"), (error: unknown) => {
    ok(error instanceof SourceError);
    equal(error.stream, "stream");
    ok(/"messages"/.test(error.message), error.message);
    return true;
  });
});

Deno.test("twilioPageStep() fails when the body is not an object", async () => {
  const router = new Router();
  const first = router.url("api", MESSAGES);
  const t = transport({ [first.href]: null });
  await rejects(read(t, router, "api", first, "messages"), SourceError);
});

Deno.test("twilioPageStep() refuses a next link to another origin", async () => {
  const router = new Router();
  const first = router.url("conversations", "/v1/Conversations");
  const t = transport({
    [first.href]: {
      conversations: records("CH1"),
      meta: { next_page_url: "https://evil.example/v1/Conversations?Page=1" },
    },
  });
  await rejects(read(t, router, "conversations", first, "conversations"), SourceError);
  equal(t.requested.length, 1);
});

Deno.test("twilioPageStep() stops with an error when Twilio repeats a next link", async () => {
  const router = new Router();
  const first = router.url("api", MESSAGES);
  const t = transport({
    [first.href]: { messages: records("SM1"), next_page_uri: MESSAGES },
  });
  await rejects(read(t, router, "api", first, "messages"), /repeated a page link/);
  equal(t.requested.length, 1);
});
