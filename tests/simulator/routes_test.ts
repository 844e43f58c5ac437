import assert from "node:assert/strict";
import { startSimulator } from "../../simulator/mod.ts";
import { get, type Json, ok, ownedBy, rowsOf, walk2010, walkMeta } from "./_helpers.ts";

const DAY = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

Deno.test("routes: conferences list only in-progress conferences unless Status is given", async () => {
  await using sim = await startSimulator();
  const base = `/2010-04-01/Accounts/${sim.accountSid}/Conferences.json`;
  const mine = sim.expected("conferences").filter((c) => c.account_sid === sim.accountSid);
  const byDefault = await walk2010(sim, base, "conferences");
  assert(byDefault.rows.length > 0);
  assert.deepEqual(byDefault.rows, mine.filter((c) => c.status === "in-progress"));
  for (const status of ["init", "in-progress", "completed"]) {
    const { rows } = await walk2010(sim, `${base}?Status=${status}`, "conferences");
    assert(rows.length > 0, status);
    assert.deepEqual(rows, mine.filter((c) => c.status === status));
  }
  assert.equal((await get(sim, `/api${base}?Status=ended`)).status, 400);
});

Deno.test("routes: messages, media and recordings refuse lower bounds older than 400 days", async () => {
  await using sim = await startSimulator();
  const account = `/api/2010-04-01/Accounts/${sim.accountSid}`;
  const media = sim.expected("message_media").find((m) => m.account_sid === sim.accountSid);
  assert(media);
  const paths = [
    `${account}/Messages.json?DateSent%3E=`,
    `${account}/Messages.json?DateSent=`,
    `${account}/Messages/${media.parent_sid}/Media.json?DateCreated%3E=`,
    `${account}/Recordings.json?DateCreated%3E=`,
  ];
  const old = isoDay(sim.now - 401 * DAY);
  const oldTime = new Date(sim.now - 400 * DAY - 60_000).toISOString().slice(0, 19) + "Z";
  for (const path of paths) {
    for (const value of [old, oldTime]) {
      const reply = await get(sim, path + value);
      assert.equal(reply.status, 400, path + value);
      assert.deepEqual(reply.body, {
        code: 20001,
        message: "Date range is partially or entirely outside of retention window of 400 days",
        more_info: "https://www.twilio.com/docs/errors/20001",
        status: 400,
      });
    }
    assert.equal(
      (await get(sim, path + isoDay(sim.now - 400 * DAY))).status,
      200,
      "the 400th day is inside",
    );
  }
  assert.equal(
    (await get(sim, `${account}/Calls.json?EndTime%3E=${old}`)).status,
    200,
    "calls have no such rule",
  );
});

Deno.test("routes: alerts refuse a StartDate older than 30 days", async () => {
  await using sim = await startSimulator();
  for (
    const value of [
      isoDay(sim.now - 31 * DAY),
      new Date(sim.now - 30 * DAY - 60_000).toISOString().slice(0, 19) + "Z",
    ]
  ) {
    const reply = await get(sim, `/monitor/v1/Alerts?StartDate=${value}`);
    assert.equal(reply.status, 400);
    assert.equal(
      reply.body.message,
      "Invalid StartDate: queries for alerts older than 30 days are not supported",
    );
  }
  const { rows } = await walkMeta(
    sim,
    `/monitor/v1/Alerts?StartDate=${isoDay(sim.now - 30 * DAY)}`,
    "alerts",
  );
  assert.deepEqual(rows, ownedBy(sim.expected("alerts"), sim.accountSid));
});

Deno.test("routes: alerts stop at 10,000 results per query", async () => {
  await using sim = await startSimulator({ counts: { alerts: 12_000 } });
  const reply = await get(sim, "/monitor/v1/Alerts?PageSize=1000&Page=10");
  assert.equal(reply.status, 400);
  assert.equal(
    reply.body.message,
    "Invalid page and pageSize combination, data is limited to 10,000 results",
  );
  let next: string | null = "/monitor/v1/Alerts?PageSize=1000";
  let pages = 0;
  while (pages < 10 && next) {
    const body: Json = await ok(sim, next);
    assert.equal(rowsOf(body, "alerts").length, 1000);
    next = (body.meta as Json).next_page_url as string | null;
    pages++;
  }
  assert(next);
  assert.equal((await get(sim, next)).status, 400, "the 11th page of 1000 is refused");
  const narrower = await ok(
    sim,
    `/monitor/v1/Alerts?PageSize=1000&StartDate=${isoDay(sim.now - 3 * DAY)}`,
  );
  assert.equal((narrower.meta as Json).page, 0, "a shorter window is the way around the cap");
});

Deno.test("routes: usage records answer 404 for days before the account existed", async () => {
  await using sim = await startSimulator();
  const young = sim.subaccountSids.at(-1);
  const account = sim.expected("accounts").find((a) => a.sid === young);
  assert(account);
  const created = isoDay(Date.parse(String(account.date_created)));
  const before = isoDay(Date.parse(created) - DAY);
  const base = `/2010-04-01/Accounts/${young}/Usage/Records`;
  for (const path of [`${base}/Daily.json`, `${base}.json`]) {
    const reply = await get(sim, `/api${path}?StartDate=${before}`);
    assert.equal(reply.status, 404);
    assert.equal(reply.body.code, 20404);
  }
  const daily = await walk2010(sim, `${base}/Daily.json?StartDate=${created}`, "usage_records");
  assert.deepEqual(
    daily.rows,
    sim.expected("usage_records").filter((u) => u.account_sid === young),
  );
  const total = await walk2010(sim, `${base}.json?StartDate=${created}`, "usage_records");
  assert.equal(total.rows.length, 3, "one row per category for the whole range");
  const sum = daily.rows.filter((r) => r.category === "sms").reduce(
    (n, r) => n + Number(r.count),
    0,
  );
  assert.equal(total.rows.find((r) => r.category === "sms")?.count, String(sum));
});

Deno.test("routes: Studio v1 and v2 serve the same records; Mobile exists only where listed", async () => {
  await using sim = await startSimulator();
  const flows = ownedBy(sim.expected("flows"), sim.accountSid);
  const flow = flows.find((f) => sim.expected("executions").some((e) => e.flow_sid === f.sid));
  for (const version of ["v1", "v2"]) {
    assert.deepEqual((await walkMeta(sim, `/studio/${version}/Flows`, "flows")).rows, flows);
    const runs = await walkMeta(
      sim,
      `/studio/${version}/Flows/${flow?.sid}/Executions`,
      "executions",
    );
    assert(runs.rows.length > 0);
  }
  const account = `/api/2010-04-01/Accounts/${sim.accountSid}/AvailablePhoneNumbers`;
  assert.equal((await get(sim, `${account}/US/Mobile.json`)).status, 404);
  assert.equal((await get(sim, `${account}/GB/Mobile.json`)).status, 200);
  assert.equal((await get(sim, `${account}/ZZ/Local.json`)).status, 404);
});
