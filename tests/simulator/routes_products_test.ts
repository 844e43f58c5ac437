import assert from "node:assert/strict";
import { startSimulator } from "../../simulator/mod.ts";
import { accountAuth, get, type Json, ok, ownedBy, walkMeta } from "./_helpers.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + "Z";
}

const SUMMARIES = "/insights/v1/Voice/Summaries";

Deno.test("routes: a pricing list names countries without prices; each country's resource has them", async () => {
  await using sim = await startSimulator({ pageSizeCap: 2 });
  for (const path of ["/pricing/v1/Messaging/Countries", "/pricing/v2/Voice/Countries"]) {
    const { rows, pages } = await walkMeta(sim, path, "countries");
    assert.equal(rows.length, 5);
    assert.equal(pages, 3);
    for (const country of rows) {
      assert.deepEqual(Object.keys(country).sort(), ["country", "iso_country", "url"]);
      const resource = await ok(sim, `${path}/${country.iso_country}`);
      assert.equal(resource.iso_country, country.iso_country);
      assert.equal(resource.price_unit, "USD");
    }
    assert.equal((await get(sim, `${path}/ZZ`)).status, 404);
  }
  const us = await ok(sim, "/pricing/v1/Messaging/Countries/US");
  const prices = (us.outbound_sms_prices as Json[]).flatMap((p) => p.prices as Json[]);
  assert(prices.length > 0);
  for (const price of [...prices, ...(us.inbound_sms_prices as Json[])]) {
    assert.match(String(price.base_price), /^\d+\.\d{4}$/, "a decimal string, as Twilio sends it");
    assert.equal(typeof price.current_price, "string");
  }
});

Deno.test("routes: Voice Summaries start 4 hours back and list complete summaries unless asked", async () => {
  await using sim = await startSimulator({ counts: { calls: 200 } });
  // The main credentials list the main account's summaries (`expected` holds every account's).
  const all = ownedBy(sim.expected("call_summaries"), sim.accountSid);
  const recent = all.filter((s) => Date.parse(String(s.start_time)) >= sim.now - 4 * HOUR);
  assert(
    recent.some((s) => s.processing_state === "partial"),
    "recent calls have partial summaries",
  );
  const byDefault = (await walkMeta(sim, SUMMARIES, "call_summaries")).rows;
  assert.deepEqual(byDefault, recent.filter((s) => s.processing_state === "complete"));
  const since = `StartTime=${iso(sim.now - 40 * DAY)}`;
  const every = await walkMeta(sim, `${SUMMARIES}?${since}&ProcessingState=all`, "call_summaries");
  assert.deepEqual(every.rows, all, "newest first, none older than 30 days");
  assert(all.every((s) => Date.parse(String(s.start_time)) >= sim.now - 30 * DAY));
  const partial =
    (await walkMeta(sim, `${SUMMARIES}?${since}&ProcessingState=partial`, "call_summaries"))
      .rows;
  assert.deepEqual(partial, all.filter((s) => s.processing_state === "partial"));
  const from = sim.now - 10 * DAY;
  const to = sim.now - 5 * DAY;
  const window = `StartTime=${iso(from)}&EndTime=${iso(to)}&ProcessingState=all`;
  const inside = (await walkMeta(sim, `${SUMMARIES}?${window}`, "call_summaries")).rows;
  assert(inside.length > 0);
  assert.deepEqual(
    inside,
    all.filter((s) => {
      const at = Date.parse(String(s.start_time));
      return at >= Date.parse(iso(from)) && at <= Date.parse(iso(to)) + 999;
    }),
  );
  assert.equal((await get(sim, `${SUMMARIES}?ProcessingState=done`)).status, 400);
  assert.equal((await get(sim, `${SUMMARIES}/${all[0]?.call_sid}`)).status, 404);
});

Deno.test("routes: call summaries follow their calls (a call that ends gets an end time)", async () => {
  await using sim = await startSimulator({ subaccounts: 0 });
  const live = sim.expected("call_summaries").filter((s) => s.end_time === null);
  assert(live.length > 0);
  const { changed } = sim.mutate({ messages: 0, calls: 0, changes: 5 });
  const now = new Map(sim.expected("call_summaries").map((s) => [s.call_sid, s]));
  for (const sid of changed.calls) assert.notEqual(now.get(sid)?.end_time, null, sid);
});

Deno.test("routes: conference summaries filter on create_time (CreatedBefore exclusive) and fetch by SID", async () => {
  await using sim = await startSimulator();
  const all = ownedBy(sim.expected("conference_summaries"), sim.accountSid);
  assert.deepEqual((await walkMeta(sim, "/insights/v1/Conferences", "conferences")).rows, all);
  assert.deepEqual(
    new Set(all.map((c) => c.status)),
    new Set(["completed", "in_progress", "not_started"]),
  );
  const pivot = all[2]!;
  const at = String(pivot.create_time);
  const after = (await walkMeta(sim, `/insights/v1/Conferences?CreatedAfter=${at}`, "conferences"))
    .rows;
  assert.deepEqual(after, all.slice(0, 3), "on or after");
  const before =
    (await walkMeta(sim, `/insights/v1/Conferences?CreatedBefore=${at}`, "conferences"))
      .rows;
  assert.deepEqual(before, all.slice(3), "strictly before");
  assert.deepEqual(await ok(sim, `/insights/v1/Conferences/${pivot.conference_sid}`), pivot);
  const people = sim.expected("conference_participant_summaries")
    .filter((p) => p.conference_sid === pivot.conference_sid);
  const path = `/insights/v1/Conferences/${pivot.conference_sid}/Participants`;
  assert.deepEqual((await walkMeta(sim, path, "participants")).rows, people);
  if (people[0]) assert.deepEqual(await ok(sim, `${path}/${people[0].participant_sid}`), people[0]);
  assert.equal((await get(sim, "/insights/v1/Conferences/CF0/Participants")).status, 404);
});

Deno.test("routes: without Voice Insights Advanced Features every Insights path answers 403 (20403)", async () => {
  await using sim = await startSimulator({ insights: false });
  for (const path of [SUMMARIES, "/insights/v1/Conferences", "/insights/v1/Conferences/CF1"]) {
    for (const index of [0, 1]) {
      const reply = await get(sim, path, accountAuth(sim, index));
      assert.equal(reply.status, 403, `${path} as account ${index}`);
      assert.equal(reply.body.code, 20403);
      assert.match(String(reply.body.message), /Voice Insights Advanced Features/);
    }
  }
  for (const stream of ["call_summaries", "conference_summaries"]) {
    assert.deepEqual(sim.expected(stream), [], stream);
  }
  assert.equal((await get(sim, "/pricing/v1/PhoneNumbers/Countries")).status, 200);
});

Deno.test("routes: Insights lists the authenticating account's own summaries; productsDisabled turns them off for one account", async () => {
  await using sim = await startSimulator({
    subaccounts: 2,
    productsDisabled: { "2": ["insights"] },
  });
  const all = sim.expected("conference_summaries");
  const sub = sim.accounts[1]!;
  const own = ownedBy(all, sub.sid);
  assert(own.length > 0, "the subaccount has conference summaries of its own");
  const listed = await walkMeta(
    sim,
    "/insights/v1/Conferences",
    "conferences",
    accountAuth(sim, 1),
  );
  assert.deepEqual(listed.rows, own);
  const mainRows = await walkMeta(sim, "/insights/v1/Conferences", "conferences");
  assert.deepEqual(mainRows.rows, ownedBy(all, sim.accountSid), "main credentials: main's only");
  const main = ownedBy(all, sim.accountSid)[0]!;
  const foreign = await get(
    sim,
    `/insights/v1/Conferences/${main.conference_sid}`,
    accountAuth(sim, 1),
  );
  assert.equal(foreign.status, 404, "another account's summary is not the subaccount's to fetch");
  const off = await get(sim, "/insights/v1/Conferences", accountAuth(sim, 2));
  assert.equal(off.status, 403);
  assert.equal(off.body.code, 20403);
  assert.deepEqual(ownedBy(all, sim.accounts[2]!.sid), [], "expected() leaves that account out");
  assert.equal(
    (await get(sim, "/pricing/v1/PhoneNumbers/Countries", accountAuth(sim, 1))).status,
    200,
  );
});
