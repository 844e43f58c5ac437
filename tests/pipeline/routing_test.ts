import { equal, throws } from "node:assert/strict";
import { SourceError } from "../../pipeline/errors.ts";
import { Router } from "../../pipeline/routing.ts";

const ACCOUNTS = "/2010-04-01/Accounts.json";

Deno.test("Router.url() sends a product to its twilio.com host without base_url", () => {
  const router = new Router();
  equal(router.url("api", ACCOUNTS).href, "https://api.twilio.com/2010-04-01/Accounts.json");
  equal(
    router.url("conversations", "/v1/Conversations").href,
    "https://conversations.twilio.com/v1/Conversations",
  );
});

Deno.test("Router.url() appends the query to the path's own query", () => {
  const url = new Router().url(
    "api",
    "/2010-04-01/Accounts/AC1/Calls.json?PageSize=1000",
    new URLSearchParams([["StartTime>", "2024-01-01"], ["StartTime<", "2024-01-02"]]),
  );
  equal(url.pathname, "/2010-04-01/Accounts/AC1/Calls.json");
  equal(url.searchParams.get("PageSize"), "1000");
  equal(url.searchParams.get("StartTime>"), "2024-01-01");
  equal(url.searchParams.get("StartTime<"), "2024-01-02");
});

Deno.test("Router.url() puts the product under base_url", () => {
  const router = new Router({ baseUrl: "http://127.0.0.1:4242" });
  equal(router.url("api", ACCOUNTS).href, "http://127.0.0.1:4242/api/2010-04-01/Accounts.json");
  equal(router.url("studio", "/v2/Flows").href, "http://127.0.0.1:4242/studio/v2/Flows");
});

Deno.test("Router.url() keeps a base_url path and drops its trailing slashes", () => {
  const router = new Router({ baseUrl: "http://proxy.local/twilio//" });
  equal(router.url("verify", "/v2/Services").href, "http://proxy.local/twilio/verify/v2/Services");
});

Deno.test("Router.url() uses edge and region in the host", () => {
  const router = new Router({ region: "ie1", edge: "dublin" });
  equal(
    router.url("api", ACCOUNTS).href,
    "https://api.dublin.ie1.twilio.com/2010-04-01/Accounts.json",
  );
});

Deno.test("Router.url() defaults the region to us1 when only an edge is given", () => {
  const router = new Router({ edge: "sydney" });
  equal(
    router.url("monitor", "/v1/Alerts").href,
    "https://monitor.sydney.us1.twilio.com/v1/Alerts",
  );
});

Deno.test("Router.url() ignores region and edge under base_url", () => {
  const router = new Router({ baseUrl: "http://127.0.0.1:4242", region: "ie1", edge: "dublin" });
  equal(router.url("api", ACCOUNTS).href, "http://127.0.0.1:4242/api/2010-04-01/Accounts.json");
});

Deno.test("Router.follow() resolves a host-relative link on the product's root", () => {
  const router = new Router();
  const from = router.url("api", ACCOUNTS);
  const link = "/2010-04-01/Accounts.json?PageSize=50&Page=1&PageToken=PAAC1";
  equal(
    router.follow("api", link, from).href,
    "https://api.twilio.com/2010-04-01/Accounts.json?PageSize=50&Page=1&PageToken=PAAC1",
  );
});

Deno.test("Router.follow() resolves a host-relative link under base_url", () => {
  const router = new Router({ baseUrl: "http://127.0.0.1:4242" });
  const from = router.url("api", ACCOUNTS);
  equal(
    router.follow("api", "/2010-04-01/Accounts.json?Page=1", from).href,
    "http://127.0.0.1:4242/api/2010-04-01/Accounts.json?Page=1",
  );
});

Deno.test("Router.follow() keeps a protocol-relative link on the product's host", () => {
  const router = new Router();
  const from = router.url("api", ACCOUNTS);
  equal(router.follow("api", "//evil.example/steal", from).host, "api.twilio.com");
});

Deno.test("Router.follow() accepts an absolute link to the origin the request went to", () => {
  const router = new Router();
  const from = router.url("conversations", "/v1/Conversations");
  const link = "https://conversations.twilio.com/v1/Conversations?PageSize=50&Page=1";
  equal(router.follow("conversations", link, from).href, link);
});

Deno.test("Router.follow() accepts a same-origin link inside the product prefix of base_url", () => {
  const router = new Router({ baseUrl: "http://127.0.0.1:4242" });
  const from = router.url("studio", "/v2/Flows");
  const link = "http://127.0.0.1:4242/studio/v2/Flows?Page=1";
  equal(router.follow("studio", link, from).href, link);
});

Deno.test("Router.follow() refuses an absolute link to another origin", () => {
  const router = new Router();
  const from = router.url("conversations", "/v1/Conversations");
  for (
    const link of [
      "https://evil.example/v1/Conversations?Page=1",
      "http://conversations.twilio.com/v1/Conversations?Page=1",
      "https://conversations.twilio.com:8443/v1/Conversations?Page=1",
      "https://api.twilio.com/v1/Conversations?Page=1",
    ]
  ) {
    throws(() => router.follow("conversations", link, from), SourceError, link);
  }
});

Deno.test("Router.follow() refuses a link to another origin under base_url", () => {
  const router = new Router({ baseUrl: "http://127.0.0.1:4242" });
  const from = router.url("api", ACCOUNTS);
  throws(
    () => router.follow("api", "http://127.0.0.1:9999/api/2010-04-01/Accounts.json", from),
    (error: unknown) => error instanceof SourceError && /127\.0\.0\.1:9999/.test(error.message),
  );
});

Deno.test("Router.follow() refuses a same-origin link outside the /P/ prefix under base_url", () => {
  const router = new Router({ baseUrl: "http://127.0.0.1:4242" });
  const from = router.url("studio", "/v2/Flows");
  for (
    const link of [
      "http://127.0.0.1:4242/admin/v2/Flows",
      "http://127.0.0.1:4242/api/2010-04-01/Accounts.json",
      "http://127.0.0.1:4242/studiox/v2/Flows",
      "http://127.0.0.1:4242/studio",
      "http://127.0.0.1:4242/studio/../admin/v2/Flows",
      "http://127.0.0.1:4242/studio/%2e%2e/admin/v2/Flows",
    ]
  ) {
    throws(() => router.follow("studio", link, from), SourceError, link);
  }
});

Deno.test("Router.follow() refuses a link that is not a URL", () => {
  const router = new Router();
  const from = router.url("api", ACCOUNTS);
  throws(
    () => router.follow("api", "not a url", from),
    (error: unknown) => error instanceof SourceError && error.failureType === "system_error",
  );
});
