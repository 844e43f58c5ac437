import assert from "node:assert/strict";
import { startSimulator } from "../../simulator/mod.ts";
import { canonical, get, type Json, ok, ownedBy, rowsOf, walk2010, walkMeta } from "./_helpers.ts";

Deno.test("paging walks a 2010 list page by page to exactly expected()", async () => {
  await using sim = await startSimulator({ seed: 9 });
  const path = `/2010-04-01/Accounts/${sim.accountSid}/Messages.json?PageSize=7`;
  const { rows, pages } = await walk2010(sim, path, "messages");
  assert.equal(pages, Math.ceil(40 / 7));
  const mine = sim.expected("messages").filter((m) => m.account_sid === sim.accountSid);
  assert.deepEqual(rows, mine, "same records, same (newest first) order");
  const first = await ok(sim, `/api${path}`);
  assert.equal(first.page, 0);
  assert.equal(first.page_size, 7);
  assert.equal(first.start, 0);
  assert.equal(first.end, 6);
  assert.equal(first.previous_page_uri, null);
  assert.equal(
    first.first_page_uri,
    `/2010-04-01/Accounts/${sim.accountSid}/Messages.json?PageSize=7&Page=0`,
  );
  assert.match(String(first.next_page_uri), /^\/2010-04-01\/.*PageSize=7&Page=1&PageToken=PA/);
});

Deno.test("paging walks a meta list with absolute URLs on the simulator's origin", async () => {
  await using sim = await startSimulator({ pageSizeCap: 3 });
  const { rows, pages } = await walkMeta(
    sim,
    "/conversations/v1/Conversations?PageSize=100",
    "conversations",
  );
  assert.equal(pages, 3);
  assert.deepEqual(rows, ownedBy(sim.expected("conversations"), sim.accountSid));
  const body = await ok(sim, "/conversations/v1/Conversations");
  const meta = body.meta as Json;
  assert.equal(meta.key, "conversations");
  assert.equal(meta.page_size, 3, "pageSizeCap lowers the page size silently");
  assert.equal(meta.first_page_url, `${sim.url}/conversations/v1/Conversations?PageSize=3&Page=0`);
  assert.equal(meta.url, `${sim.url}/conversations/v1/Conversations?PageSize=3&Page=0`);
  assert.equal(meta.previous_page_url, null);
  assert(
    String(meta.next_page_url).startsWith(
      `${sim.url}/conversations/v1/Conversations?PageSize=3&Page=1&PageToken=`,
    ),
  );
});

Deno.test("paging links carry the original filters", async () => {
  await using sim = await startSimulator();
  const day = new Date(sim.now - 86_400_000 * 30).toISOString().slice(0, 10);
  const body = await ok(
    sim,
    `/api/2010-04-01/Accounts/${sim.accountSid}/Messages.json?DateSent%3E=${day}&PageSize=2`,
  );
  assert.match(
    String(body.next_page_uri),
    new RegExp(`DateSent%3E=${day}&PageSize=2&Page=1&PageToken=`),
  );
  assert.match(String(body.uri), new RegExp(`DateSent%3E=${day}&PageSize=2&Page=0$`));
});

Deno.test("paging rejects a PageSize above the endpoint's maximum with 400 naming it", async () => {
  await using sim = await startSimulator();
  const cases = [
    ["/conversations/v1/Conversations?PageSize=101", 100],
    ["/conversations/v1/Users?PageSize=51", 50],
    [`/conversations/v1/Users/${sim.expected("users")[0]?.sid}/Conversations?PageSize=51`, 50],
    [`/api/2010-04-01/Accounts/${sim.accountSid}/Calls.json?PageSize=1001`, 1000],
    ["/monitor/v1/Alerts?PageSize=5000", 1000],
  ] as const;
  for (const [path, max] of cases) {
    const reply = await get(sim, path);
    assert.equal(reply.status, 400, path);
    assert.equal(reply.body.code, 20001);
    assert.match(String(reply.body.message), new RegExp(`\\b${max}\\b`));
  }
  for (const size of ["0", "-1", "abc", "2.5"]) {
    assert.equal((await get(sim, `/conversations/v1/Users?PageSize=${size}`)).status, 400);
  }
  assert.equal((await get(sim, "/conversations/v1/Users?PageSize=50")).status, 200);
});

Deno.test("paging rejects an invalid or tampered PageToken with 400", async () => {
  await using sim = await startSimulator();
  const path = `/api/2010-04-01/Accounts/${sim.accountSid}/Messages.json`;
  const next = String((await ok(sim, `${path}?PageSize=5`)).next_page_uri);
  const token = new URLSearchParams(next.split("?")[1]).get("PageToken") ?? "";
  for (const bad of ["garbage", `${token}x`, token.replace("PA", "PB") + "A", "PA"]) {
    const reply = await get(sim, `${path}?PageSize=5&Page=1&PageToken=${encodeURIComponent(bad)}`);
    assert.equal(reply.status, 400, bad);
    assert.equal(reply.body.code, 20001);
  }
  const other =
    `/api/2010-04-01/Accounts/${sim.accountSid}/Calls.json?PageSize=5&PageToken=${token}`;
  assert.equal((await get(sim, other)).status, 400, "a token is bound to its list");
});

Deno.test("paging follows previous_page_uri back to the same records", async () => {
  await using sim = await startSimulator();
  const path =
    `/api/2010-04-01/Accounts/${sim.accountSid}/Calls.json?PageSize=6&StartTime%3E=2000-01-01`;
  const page0 = await ok(sim, path);
  const page1 = await ok(sim, `/api${page0.next_page_uri}`);
  const page2 = await ok(sim, `/api${page1.next_page_uri}`);
  assert.equal(page2.start, 12);
  const back = await ok(sim, `/api${page2.previous_page_uri}`);
  assert.deepEqual(rowsOf(back, "calls"), rowsOf(page1, "calls"));
  assert.equal(back.next_page_uri, page1.next_page_uri);
});

Deno.test("paging serves Page without a token as an offset", async () => {
  await using sim = await startSimulator();
  const all = (await walkMeta(sim, "/monitor/v1/Alerts", "alerts")).rows;
  const page = await ok(sim, "/monitor/v1/Alerts?PageSize=4&Page=2");
  assert.deepEqual(rowsOf(page, "alerts"), all.slice(8, 12));
});

Deno.test("paging: the countries list has no paging fields", async () => {
  await using sim = await startSimulator({ pageSizeCap: 1 });
  const body = await ok(
    sim,
    `/api/2010-04-01/Accounts/${sim.accountSid}/AvailablePhoneNumbers.json`,
  );
  assert.deepEqual(Object.keys(body).sort(), ["countries", "uri"]);
  assert.equal(rowsOf(body, "countries").length, 4);
  const mine = sim.expected("available_phone_number_countries").slice(0, 4);
  assert.deepEqual(canonical(rowsOf(body, "countries")), canonical(mine));
});
