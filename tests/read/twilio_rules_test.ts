/**
 * Twilio as it is today: retention windows, the alerts result cap, the
 * conferences status change, the Chat API's end of life, and no wasted
 * requests (parents read once, no child request a parent says is empty).
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { startSimulator } from "../../simulator/mod.ts";
import type { AirbyteMessage, JsonObject } from "../../protocol/messages.ts";
import {
  catalogOf,
  configFor,
  daysAgo,
  errorsOf,
  identities,
  logsOf,
  readAll,
  recordsOf,
} from "../_helpers.ts";
import { REGISTRY } from "../../streams/mod.ts";

function noErrors(messages: readonly AirbyteMessage[]): void {
  deepEqual(errorsOf(messages), []);
}

Deno.test("messages, media and recordings clamp a start older than 400 days, and say so", async () => {
  await using sim = await startSimulator({ seed: 31 });
  const config = configFor(sim, { start_date: daysAgo(700, sim.now) });
  const messages = await readAll(config, catalogOf(["messages", "message_media", "recordings"]), {
    now: () => sim.now,
  });
  noErrors(messages);
  equal(sim.stats.status.get(400) ?? 0, 0, "Twilio never refused a window");
  for (const stream of ["messages", "recordings"]) {
    ok(
      logsOf(messages).some((l) => l.includes(stream) && l.includes("400 days")),
      `${stream} logged`,
    );
    equal(recordsOf(messages, stream).length, sim.expected(stream).length, `${stream} complete`);
  }
  equal(recordsOf(messages, "message_media").length, sim.expected("message_media").length);
});

Deno.test("alerts clamp their start to the last 30 days", async () => {
  await using sim = await startSimulator({ seed: 32 });
  const messages = await readAll(
    configFor(sim, { start_date: daysAgo(200, sim.now) }),
    catalogOf(["alerts"]),
    {
      now: () => sim.now,
    },
  );
  noErrors(messages);
  ok(logsOf(messages).some((l) => l.includes("alerts") && l.includes("30 days")));
  equal(recordsOf(messages, "alerts").length, sim.expected("alerts").length);
});

Deno.test("alerts past Twilio's 10,000-result cap are read in windows under it, each alert once", async () => {
  await using sim = await startSimulator({ seed: 33, counts: { alerts: 23_000 } });
  const messages = await readAll(
    configFor(sim, { start_date: daysAgo(29, sim.now), slice_step: "P30D" }),
    catalogOf(["alerts"]),
    { now: () => sim.now },
  );
  noErrors(messages);
  equal(sim.stats.status.get(400) ?? 0, 0, "no query reached the cap");
  ok(sim.requests.filter((r) => r.path === "/monitor/v1/Alerts").length > 23, "read in windows");
  const sids = recordsOf(messages, "alerts").map((a) => a.sid);
  equal(new Set(sids).size, sids.length, "no alert twice");
  const since = new Date(sim.now - 29 * 86_400_000);
  equal(sids.length, sim.expected("alerts", { since }).length, "no alert lost");
});

Deno.test("usage records start at each account's creation day: no 404 for days before it", async () => {
  await using sim = await startSimulator({ seed: 34 });
  const messages = await readAll(configFor(sim), catalogOf(["usage_records"]), {
    now: () => sim.now,
  });
  noErrors(messages);
  const usage404 = sim.requests.filter((r) => r.path.includes("/Usage/") && r.status === 404);
  deepEqual(usage404, []);
  equal(recordsOf(messages, "usage_records").length, sim.expected("usage_records").length);
  ok(recordsOf(messages, "usage_records").every((r) => !("as_of" in r)), "as_of dropped");
});

Deno.test("conferences are requested for every status, so completed ones are not lost", async () => {
  await using sim = await startSimulator({ seed: 35 });
  const messages = await readAll(configFor(sim), catalogOf(["conferences"]), {
    now: () => sim.now,
  });
  const statuses = new Set(recordsOf(messages, "conferences").map((c) => c.status));
  ok(statuses.has("completed") && statuses.has("in-progress"), [...statuses].join());
  for (const status of ["init", "in-progress", "completed"]) {
    ok(
      sim.requests.some((r) =>
        r.path.endsWith("/Conferences.json") && r.query.includes(`Status=${status}`)
      ),
    );
  }
});

Deno.test("services and roles come from the Conversations API, not the retired Chat API", async () => {
  await using sim = await startSimulator({ seed: 36 });
  const messages = await readAll(configFor(sim), catalogOf(["services", "roles"]));
  noErrors(messages);
  ok(recordsOf(messages, "roles").length > 0);
  ok(sim.requests.every((r) => !r.path.startsWith("/chat/")));
  ok(sim.requests.some((r) => r.path === "/conversations/v1/Services"));
});

Deno.test("each parent list is read once per sync and shared by its children", async () => {
  await using sim = await startSimulator({ seed: 37 });
  const catalog = catalogOf([
    "accounts",
    "messages",
    "message_media",
    "calls",
    "addresses",
    "dependent_phone_numbers",
    "conversations",
    "conversation_messages",
    "conversation_participants",
    "flows",
    "executions",
    "step",
    "users",
    "user_conversations",
  ]);
  const messages = await readAll(configFor(sim), catalog, { now: () => sim.now });
  noErrors(messages);
  const count = (path: RegExp) => sim.requests.filter((r) => path.test(r.path)).length;
  equal(count(/\/Accounts\.json$/), 1, "accounts once");
  // Product lists are the authenticating account's: read once per account, as that account.
  const accounts = 1 + sim.subaccountSids.length;
  equal(count(/\/conversations\/v1\/Conversations$/), accounts, "conversations once per account");
  equal(count(/\/conversations\/v1\/Users$/), accounts, "users once per account");
  equal(count(/\/studio\/v2\/Flows$/), accounts, "flows once per account");
  const addresses = sim.requests.filter((r) => /\/Addresses\.json$/.test(r.path));
  equal(addresses.length, 1 + sim.subaccountSids.length, "addresses once per account");
  const windows = sim.requests.filter((r) => /\/Messages\.json$/.test(r.path)).map((r) =>
    r.path + r.query
  );
  equal(new Set(windows).size, windows.length, "each messages window once");
  const withMedia = (sim.expected("messages") as JsonObject[]).filter((m) => m.num_media !== "0");
  equal(count(/\/Media\.json$/), withMedia.length, "media lists only for messages that have media");
});

Deno.test("the pool never exceeds max_concurrency", async () => {
  await using sim = await startSimulator({ seed: 38, pageSizeCap: 5, faults: { latencyMs: 3 } });
  const messages = await readAll(
    configFor(sim, { max_concurrency: 3 }),
    catalogOf(["messages", "calls", "conversations", "conversation_messages", "usage_records"]),
    { now: () => sim.now },
  );
  noErrors(messages);
  ok(sim.stats.maxInFlight <= 3, `at most 3 in flight, saw ${sim.stats.maxInFlight}`);
  ok(sim.stats.maxInFlight >= 2, "and it did run requests concurrently");
});

Deno.test("the page budget bounds requests per depth, and the smallest one still reads it all", async () => {
  await using sim = await startSimulator({ seed: 41, pageSizeCap: 5, faults: { latencyMs: 2 } });
  const streams = ["messages", "message_media", "conferences", "conference_participants"];
  const messages = await readAll(configFor(sim, { max_concurrency: 8 }), catalogOf(streams), {
    now: () => sim.now,
    // One byte: one page in memory at a time per depth (accounts, their lists, nested lists).
    pageBytesPerDepth: 1,
  });
  noErrors(messages);
  for (const name of streams) {
    const def = REGISTRY.get(name)!;
    deepEqual(
      identities(def, recordsOf(messages, name)),
      identities(def, sim.expected(name) as JsonObject[]),
      `${name}: every record, once`,
    );
  }
  ok(sim.stats.maxInFlight <= 3, `one request per depth at most, saw ${sim.stats.maxInFlight}`);
});

Deno.test("under concurrency, every STATE is a low-water mark: all records it covers came before it", async () => {
  // Dense enough (about 40 pages per account) to be read in several windows.
  await using sim = await startSimulator({
    seed: 39,
    counts: { messages: 1500 },
    pageSizeCap: 4,
    faults: { latencyMs: 2 },
  });
  const config = configFor(sim, { start_date: daysAgo(20, sim.now), max_concurrency: 8 });
  const start = Date.parse(String(config.start_date));
  const messages = await readAll(config, catalogOf(["messages"]), { now: () => sim.now });
  const all = sim.expected("messages", { since: new Date(start) }) as JsonObject[];
  const seen = new Set<unknown>();
  let states = 0;
  for (const m of messages) {
    if (m.type === "RECORD") seen.add(m.record.data.sid);
    if (m.type !== "STATE") continue;
    states++;
    const blob = m.state.stream.stream_state as {
      states: { partition: JsonObject; cursor: JsonObject }[];
    };
    for (const { partition, cursor } of blob.states) {
      const upTo = Date.parse(String(cursor.date_sent));
      const covered = all.filter((r) =>
        r.account_sid === partition.account_sid && Date.parse(String(r.date_sent)) <= upTo
      );
      for (const r of covered) ok(seen.has(r.sid), `STATE covers ${r.sid} only after emitting it`);
    }
  }
  ok(states > 10, "many states under concurrency");
});

Deno.test("participants are asked only of live conferences, the only ones Twilio lists them for", async () => {
  await using sim = await startSimulator({ seed: 40 });
  const messages = await readAll(configFor(sim), catalogOf(["conference_participants"]), {
    now: () => sim.now,
  });
  noErrors(messages);
  const live = (sim.expected("conferences") as JsonObject[]).filter((c) =>
    c.status !== "completed"
  );
  const asked = sim.requests.filter((r) => r.path.endsWith("/Participants.json"));
  equal(asked.length, live.length, "one participants request per live conference");
  equal(
    recordsOf(messages, "conference_participants").length,
    sim.expected("conference_participants").length,
  );
});
