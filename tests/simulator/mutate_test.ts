import assert from "node:assert/strict";
import { startSimulator } from "../../simulator/mod.ts";
import { type Json, ok, walk2010 } from "./_helpers.ts";

function second(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + "Z";
}

function bySid(rows: Json[]): Map<unknown, Json> {
  return new Map(rows.map((r) => [r.sid, r]));
}

Deno.test("mutate() appends, settles and moves now exactly as its summary says", async () => {
  await using sim = await startSimulator({ seed: 21 });
  const before = { messages: bySid(sim.expected("messages")), calls: bySid(sim.expected("calls")) };
  const previous = sim.now;
  const summary = sim.mutate({ advanceMs: 2 * 3_600_000 });
  assert.equal(summary.now, previous + 2 * 3_600_000);
  assert.equal(sim.now, summary.now);
  assert.equal(summary.added.messages.length, 3 * 3);
  assert.equal(summary.added.calls.length, 2 * 3);
  assert(summary.changed.messages.length > 0 && summary.changed.calls.length > 0);
  const after = { messages: bySid(sim.expected("messages")), calls: bySid(sim.expected("calls")) };
  for (const sid of summary.added.messages) {
    const t = Date.parse(String(after.messages.get(sid)?.date_sent));
    assert(!before.messages.has(sid) && t > previous && t <= sim.now);
  }
  for (const sid of summary.changed.messages) {
    const [old, now] = [before.messages.get(sid), after.messages.get(sid)];
    assert(old && now);
    assert(
      ["queued", "sending", "sent", "accepted"].includes(String(old.status)) && old.price === null,
    );
    assert.equal(now.status, "delivered");
    assert.match(String(now.price), /^-0\.\d{5}$/);
    assert.equal(now.date_sent, old.date_sent);
    assert.equal(Date.parse(String(now.date_updated)), Math.floor(sim.now / 1000) * 1000);
  }
  for (const sid of summary.changed.calls) {
    const [old, now] = [before.calls.get(sid), after.calls.get(sid)];
    assert(old && now);
    assert.equal(old.end_time, null);
    assert.equal(now.status, "completed");
    assert.equal(now.start_time, old.start_time);
    const end = Date.parse(String(now.end_time));
    assert(end <= sim.now && end > sim.now - 60_000, "end_time close to the new now");
  }
  const untouched = [...before.messages.keys()].filter((sid) =>
    !summary.changed.messages.includes(String(sid))
  );
  assert(
    untouched.every((sid) =>
      JSON.stringify(before.messages.get(sid)) === JSON.stringify(after.messages.get(sid))
    ),
  );
});

Deno.test("mutate() changes show over HTTP: new records after the old now, completed calls by EndTime", async () => {
  await using sim = await startSimulator({ seed: 22 });
  const account = `/2010-04-01/Accounts/${sim.accountSid}`;
  const previous = sim.now;
  const summary = sim.mutate();
  const fresh = await walk2010(
    sim,
    `${account}/Messages.json?DateSent%3E=${second(previous)}`,
    "messages",
  );
  const mine = summary.added.messages.filter((sid) =>
    sim.expected("messages").find((m) => m.sid === sid)?.account_sid === sim.accountSid
  );
  assert.deepEqual(fresh.rows.map((r) => r.sid).sort(), mine.sort());
  const ended = await walk2010(
    sim,
    `${account}/Calls.json?EndTime%3E=${second(previous)}`,
    "calls",
  );
  const changed = summary.changed.calls.filter((sid) => ended.rows.some((r) => r.sid === sid));
  assert(changed.length > 0, "calls completed by the mutation match EndTime filters");
  const refetched = await ok(sim, `/api${account}/Calls/${changed[0]}.json`);
  assert.equal(refetched.status, "completed");
});

Deno.test("mutate() is deterministic for a seed", async () => {
  await using a = await startSimulator({ seed: 5, now: Date.UTC(2026, 10, 1) });
  await using b = await startSimulator({ seed: 5, now: Date.UTC(2026, 10, 1) });
  assert.deepEqual(a.mutate(), b.mutate());
  assert.deepEqual(
    a.mutate({ advanceMs: 60_000, messages: 1, calls: 0 }),
    b.mutate({ advanceMs: 60_000, messages: 1, calls: 0 }),
  );
  assert.deepEqual(a.expected("messages"), b.expected("messages"));
  assert.throws(() => a.mutate({ advanceMs: 0 }), /at least 1 s/);
});
