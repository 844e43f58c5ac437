import assert from "node:assert/strict";
import { startSimulator } from "../../simulator/mod.ts";
import { type Json, ok, rowsOf, walk2010 } from "./_helpers.ts";

const HOUR = 3_600_000;

function second(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + "Z";
}

Deno.test("collection: a million lazy messages per account answer pages quickly", async () => {
  const heapBefore = Deno.memoryUsage().heapUsed;
  await using sim = await startSimulator({ counts: { messages: 1_000_000, calls: 1_000_000 } });
  assert(Deno.memoryUsage().heapUsed - heapBefore < 64 * 1024 * 1024, "no per-record memory");
  const base = `/api/2010-04-01/Accounts/${sim.accountSid}/Messages.json`;
  const started = performance.now();
  const first = await ok(sim, `${base}?PageSize=1000`);
  const deep = await ok(sim, `${base}?PageSize=1000&Page=700`);
  assert(performance.now() - started < 2_000, "two pages of 1000 in under 2 s");
  assert.equal(rowsOf(first, "messages").length, 1000);
  assert.equal(deep.start, 700_000);
  const rows = rowsOf(deep, "messages");
  assert(
    rows.every((r, i) =>
      i === 0 || Date.parse(String(r.date_sent)) <= Date.parse(String(rows[i - 1]?.date_sent))
    ),
  );
  const sid = String(rows[17]?.sid);
  assert.deepEqual(
    await ok(sim, `/api/2010-04-01/Accounts/${sim.accountSid}/Messages/${sid}.json`),
    rows[17],
  );
});

Deno.test("collection: a date filter on a million messages returns exactly the records in range", async () => {
  await using sim = await startSimulator({ seed: 8, counts: { messages: 1_000_000 } });
  const path = `/2010-04-01/Accounts/${sim.accountSid}/Messages.json`;
  const mid = Math.floor((sim.now - 30 * 24 * HOUR) / 1000) * 1000;
  const window = async (lo: number, hi: number) => {
    const query = new URLSearchParams({
      "DateSent>": second(lo),
      "DateSent<": second(hi),
      PageSize: "1000",
    });
    return (await walk2010(sim, `${path}?${query}`, "messages")).rows;
  };
  const both = await window(mid, mid + 2 * HOUR - 1000);
  const early = await window(mid, mid + HOUR - 1000);
  const late = await window(mid + HOUR, mid + 2 * HOUR - 1000);
  assert(both.length > 1000, `about 700 per hour, got ${both.length}`);
  assert.equal(both.length, early.length + late.length);
  assert.deepEqual(both, [...late, ...early]);
  assert.equal(new Set(both.map((r) => r.sid)).size, both.length);
  for (const row of both) {
    const t = Date.parse(String(row.date_sent));
    assert(t >= mid && t < mid + 2 * HOUR);
  }
  const before = await ok(sim, `/api${path}?DateSent%3C=${second(mid - 1000)}&PageSize=1`);
  const neighbour = rowsOf(before, "messages")[0] as Json;
  assert(
    Date.parse(String(neighbour.date_sent)) < mid,
    "the newest record before the window is outside it",
  );
});
