import assert from "node:assert/strict";
import { startSimulator, STREAM_NAMES } from "../../simulator/mod.ts";
import { crawl } from "./_crawl.ts";
import { canonical, type Json } from "./_helpers.ts";

const RFC2822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const API_2010 = new Set([
  "accounts",
  "addresses",
  "applications",
  "calls",
  "conference_participants",
  "conferences",
  "dependent_phone_numbers",
  "incoming_phone_numbers",
  "keys",
  "message_media",
  "messages",
  "outgoing_caller_ids",
  "queues",
  "recordings",
  "transcriptions",
  "usage_triggers",
]);

Deno.test("expected() equals a complete HTTP read of every stream, over many small pages", async () => {
  await using sim = await startSimulator({ seed: 5, pageSizeCap: 4 });
  for (const stream of STREAM_NAMES) {
    const expected = sim.expected(stream);
    assert(expected.length > 0, `${stream} has records`);
    assert.deepEqual(canonical(await crawl(sim, stream)), canonical(expected), stream);
  }
});

Deno.test("expected() records use RFC 2822 dates in the 2010 API and ISO 8601 elsewhere", async () => {
  await using sim = await startSimulator({ seed: 2 });
  for (const stream of STREAM_NAMES) {
    const pattern = API_2010.has(stream) ? RFC2822 : ISO;
    for (const row of sim.expected(stream)) {
      for (const field of ["date_created", "date_updated", "date_sent", "start_time", "end_time"]) {
        const value = row[field];
        if (value === undefined || value === null) continue;
        assert(pattern.test(String(value)), `${stream}.${field} = ${String(value)}`);
        assert(Date.parse(String(value)) <= sim.now, `${stream}.${field} is not in the future`);
      }
      if (typeof row.sid === "string") {
        assert(/^[A-Z]{2}[0-9a-f]{32}$/.test(row.sid), `${stream}.sid`);
      }
    }
  }
});

Deno.test("expected() covers zero, one and many children and unknown extra fields", async () => {
  await using sim = await startSimulator();
  const messages = sim.expected("messages");
  assert(messages.some((m) => m.num_media === "0") && messages.some((m) => m.num_media !== "0"));
  assert(messages.every((m) => typeof m.price === "string" || m.price === null));
  assert(
    messages.some((m) =>
      m.status === "queued" || m.status === "sent" || m.status === "accepted" ||
      m.status === "sending"
    ),
  );
  assert(messages.some((m) => "tags" in m), "some record carries a field outside the spec");
  const countries = sim.expected("available_phone_number_countries");
  assert(countries.some((c) => !("mobile" in (c.subresource_uris as Json))));
  const perConference = new Map<unknown, number>();
  for (const p of sim.expected("conference_participants")) {
    perConference.set(p.conference_sid, (perConference.get(p.conference_sid) ?? 0) + 1);
  }
  assert([...perConference.values()].includes(1) && [...perConference.values()].some((n) => n > 1));
  const accountsWithAddresses = new Set(sim.expected("addresses").map((a) => a.account_sid));
  assert.deepEqual(accountsWithAddresses.size, 2, "the youngest subaccount has no address");
  const [main] = sim.expected("accounts");
  assert(typeof main?.auth_token === "string" && main.auth_token.length === 32);
});

Deno.test("expected() with since keeps incremental records at or after the cursor", async () => {
  await using sim = await startSimulator();
  const since = new Date(sim.now - 7 * 86_400_000);
  const calls = sim.expected("calls", { since });
  assert(calls.length > 0 && calls.length < sim.expected("calls").length);
  assert(
    calls.every((c) => c.end_time !== null && Date.parse(String(c.end_time)) >= since.getTime()),
  );
  const usage = sim.expected("usage_records", { since });
  assert.deepEqual(usage.length, 8 * 3 * 3, "8 days x 3 categories x 3 accounts");
  assert.deepEqual(sim.expected("flows", { since }).length, sim.expected("flows").length);
});

Deno.test("historyDays makes a sparse long history: older accounts, half the messages and calls recent", async () => {
  const now = Date.parse("2026-06-01T00:00:00Z");
  const DAY = 86_400_000;
  await using sim = await startSimulator({
    seed: 9,
    now,
    historyDays: 2000,
    counts: { messages: 400, calls: 400 },
  });
  const main = sim.expected("accounts").find((a) => a.sid === sim.accountSid);
  assert.ok(now - Date.parse(String(main?.date_created)) > 2000 * DAY, "older than the history");
  for (const [stream, field] of [["messages", "date_sent"], ["calls", "start_time"]] as const) {
    const times = sim.expected(stream).map((r) => Date.parse(String(r[field])));
    const recent = times.filter((t) => t >= now - 60 * DAY).length;
    // Half of the body, plus the few live ones of the last 30 minutes.
    const share = recent / times.length;
    assert.ok(share >= 0.5 && share < 0.6, `${stream}: half in the last 60 days (${share})`);
    assert.ok(Math.min(...times) < now - 1900 * DAY, `${stream}: reaching back ~2000 days`);
  }
  await using plain = await startSimulator({ seed: 9, now, counts: { messages: 400 } });
  const oldest = Math.min(
    ...plain.expected("messages").map((r) => Date.parse(String(r.date_sent))),
  );
  assert.ok(oldest >= now - 60 * DAY, "the default world keeps 60 days");
});
