import assert from "node:assert/strict";
import { startSimulator } from "../../simulator/mod.ts";
import { get, type Json, ownedBy, walk2010, walkMeta } from "./_helpers.ts";

const DAY = 86_400_000;

function secondOf(value: unknown): string {
  const ms = typeof value === "number" ? value : Date.parse(String(value));
  return new Date(ms).toISOString().slice(0, 19) + "Z";
}

function within(rows: Json[], field: string, lo: number, hi: number): Json[] {
  return rows.filter((r) => {
    const t = Date.parse(String(r[field]));
    return r[field] !== null && t >= lo && t <= hi;
  });
}

Deno.test("filters: DateSent> and DateSent< are inclusive at both ends for date-times", async () => {
  await using sim = await startSimulator({ seed: 4, counts: { messages: 200 } });
  const mine = sim.expected("messages").filter((m) => m.account_sid === sim.accountSid);
  const [newer, older] = [mine[20], mine[60]];
  assert(newer && older);
  const lo = secondOf(older.date_sent);
  const hi = secondOf(newer.date_sent);
  const base = `/2010-04-01/Accounts/${sim.accountSid}/Messages.json`;
  for (const [a, b] of [[lo, hi], [lo.replace("T", " "), hi.replace("T", " ")]]) {
    const query = new URLSearchParams({
      "DateSent>": a ?? "",
      "DateSent<": b ?? "",
      PageSize: "9",
    });
    const { rows } = await walk2010(sim, `${base}?${query}`, "messages");
    assert.deepEqual(rows, within(mine, "date_sent", Date.parse(lo), Date.parse(hi)));
    assert(rows.some((r) => r.sid === older.sid) && rows.some((r) => r.sid === newer.sid));
  }
});

Deno.test("filters: day values cover the whole day, from 00:00:00 through 23:59:59", async () => {
  await using sim = await startSimulator({ counts: { messages: 300 } });
  const mine = sim.expected("messages").filter((m) => m.account_sid === sim.accountSid);
  const day = new Date(Date.parse(String(mine[100]?.date_sent))).toISOString().slice(0, 10);
  const start = Date.parse(`${day}T00:00:00Z`);
  const want = within(mine, "date_sent", start, start + DAY - 1);
  assert(want.length > 1);
  const base = `/2010-04-01/Accounts/${sim.accountSid}/Messages.json`;
  const both = await walk2010(sim, `${base}?DateSent%3E=${day}&DateSent%3C=${day}`, "messages");
  assert.deepEqual(both.rows, want);
  const equal = await walk2010(sim, `${base}?DateSent=${day}`, "messages");
  assert.deepEqual(equal.rows, want);
  const after = await walk2010(sim, `${base}?DateSent%3E=${day}&PageSize=1000`, "messages");
  assert.deepEqual(after.rows, within(mine, "date_sent", start, Infinity));
});

Deno.test("filters: EndTime never matches calls without end_time; StartTime and Status work", async () => {
  await using sim = await startSimulator();
  const mine = sim.expected("calls").filter((c) => c.account_sid === sim.accountSid);
  assert(mine.some((c) => c.end_time === null), "live calls exist");
  const base = `/2010-04-01/Accounts/${sim.accountSid}/Calls.json`;
  const ended = await walk2010(sim, `${base}?EndTime%3E=2000-01-01`, "calls");
  assert.deepEqual(ended.rows, mine.filter((c) => c.end_time !== null));
  const started = await walk2010(sim, `${base}?StartTime%3C=2999-01-01`, "calls");
  assert.deepEqual(started.rows, mine);
  const live = await walk2010(sim, `${base}?Status=in-progress`, "calls");
  assert.deepEqual(live.rows, mine.filter((c) => c.status === "in-progress"));
  assert.equal((await get(sim, `/api${base}?Status=bogus`)).status, 400);
});

Deno.test("filters: recordings, media and alerts by date; usage by StartDate, EndDate and Category", async () => {
  await using sim = await startSimulator();
  const since = new Date(sim.now - 10 * DAY);
  const day = since.toISOString().slice(0, 10);
  const account = `/2010-04-01/Accounts/${sim.accountSid}`;
  const recordings = await walk2010(
    sim,
    `${account}/Recordings.json?DateCreated%3E=${day}`,
    "recordings",
  );
  const mine = sim.expected("recordings").filter((r) => r.account_sid === sim.accountSid);
  assert.deepEqual(recordings.rows, within(mine, "date_created", Date.parse(day), Infinity));
  const alerts = await walkMeta(
    sim,
    `/monitor/v1/Alerts?StartDate=${day}&EndDate=${secondOf(sim.now - DAY)}`,
    "alerts",
  );
  assert.deepEqual(
    alerts.rows,
    within(
      ownedBy(sim.expected("alerts"), sim.accountSid),
      "date_generated",
      Date.parse(day),
      sim.now - DAY,
    ),
  );
  const usage = await walk2010(
    sim,
    `${account}/Usage/Records/Daily.json?StartDate=${day}&EndDate=${day}&Category=calls`,
    "usage_records",
  );
  assert.equal(usage.rows.length, 1);
  assert.equal(usage.rows[0]?.start_date, day);
  const media = sim.expected("message_media").find((m) => m.account_sid === sim.accountSid);
  assert(media);
  const mediaPath = `${account}/Messages/${media.parent_sid}/Media.json`;
  const t = secondOf(media.date_created);
  assert.equal(
    (await walk2010(sim, `${mediaPath}?DateCreated%3E=${t}&DateCreated%3C=${t}`, "media_list")).rows
      .length > 0,
    true,
  );
  const after = new Date(Date.parse(t) + 1000).toISOString().slice(0, 19) + "Z";
  assert.equal(
    (await walk2010(sim, `${mediaPath}?DateCreated%3E=${after}`, "media_list")).rows.length,
    0,
  );
});

Deno.test("filters: executions take DateCreatedFrom (on or after) and DateCreatedTo (before)", async () => {
  await using sim = await startSimulator();
  const executions = sim.expected("executions");
  const flow = executions.find((e) =>
    executions.filter((x) => x.flow_sid === e.flow_sid).length > 3
  )?.flow_sid;
  const runs = executions.filter((e) => e.flow_sid === flow);
  const [first, second] = [runs[1], runs[3]];
  assert(first && second);
  const path =
    `/studio/v2/Flows/${flow}/Executions?DateCreatedFrom=${first.date_created}&DateCreatedTo=${second.date_created}`;
  const { rows } = await walkMeta(sim, path, "executions");
  const [lo, hi] = [String(first.date_created), String(second.date_created)];
  assert.deepEqual(
    rows,
    runs.filter((e) => String(e.date_created) >= lo && String(e.date_created) < hi),
  );
  assert(rows.some((r) => r.sid === first.sid) && !rows.some((r) => r.sid === second.sid));
});

Deno.test("filters: malformed date values answer 400", async () => {
  await using sim = await startSimulator();
  const base = `/api/2010-04-01/Accounts/${sim.accountSid}/Messages.json`;
  for (
    const bad of [
      "2024-13-01",
      "2024-02-30",
      "yesterday",
      "2024-01-01T00:00:00",
      "2024-01-01T00:00:00+01:00",
      "20240101",
    ]
  ) {
    const reply = await get(sim, `${base}?DateSent%3E=${encodeURIComponent(bad)}`);
    assert.equal(reply.status, 400, bad);
    assert.equal(reply.body.code, 20001);
  }
  assert.equal((await get(sim, "/monitor/v1/Alerts?EndDate=soon")).status, 400);
});
