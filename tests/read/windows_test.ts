/**
 * Windows sized by the data, read through the library against the in-process
 * simulator on a fixed clock: what empty, sparse and dense histories cost in
 * requests, and that STATEs stay low-water marks when windows are cut.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { startSimulator } from "../../simulator/mod.ts";
import type { AirbyteMessage, JsonObject } from "../../protocol/messages.ts";
import { catalogOf, configFor, daysAgo, errorsOf, readAll, recordsOf } from "../_helpers.ts";

const NOW = Date.parse("2026-06-01T12:00:00Z");
const DAY = 86_400_000;
const now = () => NOW;

function listRequests(sim: { requests: readonly { path: string }[] }, suffix: string): number {
  return sim.requests.filter((r) => r.path.endsWith(suffix)).length;
}

/** Per account, the cursors of the stream's STATEs in the order they came. */
function cursors(messages: readonly AirbyteMessage[], stream: string, field: string) {
  const byAccount = new Map<string, number[]>();
  for (const m of messages) {
    if (m.type !== "STATE" || m.state.stream.stream_descriptor.name !== stream) continue;
    const blob = m.state.stream.stream_state as {
      states: { partition: JsonObject; cursor: JsonObject }[];
    };
    for (const { partition, cursor } of blob.states) {
      const list = byAccount.get(String(partition.account_sid)) ?? [];
      const value = Date.parse(String(cursor[field]));
      if (list.at(-1) !== value) list.push(value);
      byAccount.set(String(partition.account_sid), list);
    }
  }
  return byAccount;
}

Deno.test("an empty year is one request per account", async () => {
  await using sim = await startSimulator({ seed: 51, now: NOW, counts: { calls: 0, messages: 0 } });
  const config = configFor(sim, { start_date: daysAgo(365, NOW) });
  const messages = await readAll(config, catalogOf(["calls", "messages", "recordings"]), { now });
  deepEqual(errorsOf(messages), []);
  const accounts = 1 + sim.subaccountSids.length;
  equal(listRequests(sim, "/Calls.json"), accounts, "calls");
  equal(listRequests(sim, "/Messages.json"), accounts, "messages");
  equal(listRequests(sim, "/Recordings.json"), accounts, "recordings");
});

Deno.test("one record per year over six years costs one request per partition", async () => {
  await using sim = await startSimulator({
    seed: 52,
    now: NOW,
    historyDays: 6 * 365,
    counts: { calls: 6, conferences: 6 },
  });
  const config = configFor(sim, { start_date: daysAgo(6 * 365, NOW) });
  const messages = await readAll(config, catalogOf(["calls", "conferences", "usage_records"]), {
    now,
  });
  deepEqual(errorsOf(messages), []);
  const accounts = 1 + sim.subaccountSids.length;
  equal(listRequests(sim, "/Calls.json"), accounts, "calls: one per account");
  equal(listRequests(sim, "/Conferences.json"), 3 * accounts, "conferences: one per Status list");
  // One daily row per category and day: 3 x 6 years is 7 pages of 1000 per account, a walk.
  const usage = listRequests(sim, "/Usage/Records/Daily.json");
  const pages = recordsOf(messages, "usage_records").length / 1000;
  ok(
    usage <= Math.ceil(pages) + 2 * accounts,
    `usage records: ${usage} requests for ${pages} pages`,
  );
  equal(
    recordsOf(messages, "calls").length,
    sim.expected("calls", { since: new Date(config.start_date as string) }).length,
  );
});

Deno.test("a dense day is cut into windows that checkpoint in order, near the floor", async () => {
  // About 1,700 messages a day per account, in pages of 50: 34 pages in the last day.
  await using sim = await startSimulator({
    seed: 53,
    now: NOW,
    counts: { messages: 100_000 },
    pageSizeCap: 50,
  });
  const start = NOW - DAY;
  const config = configFor(sim, { start_date: daysAgo(1, NOW), max_concurrency: 2 });
  const messages = await readAll(config, catalogOf(["messages"]), { now });
  deepEqual(errorsOf(messages), []);
  const expected = sim.expected("messages", { since: new Date(start) });
  const got = recordsOf(messages, "messages").map((m) => m.sid);
  equal(new Set(got).size, got.length, "no message twice");
  equal(got.length, expected.length, "every message");
  const floor = [sim.accountSid, ...sim.subaccountSids]
    .map((sid) => Math.ceil(expected.filter((m) => m.account_sid === sid).length / 50))
    .reduce((a, b) => a + b, 0);
  const requests = listRequests(sim, "/Messages.json");
  ok(requests <= 1.3 * floor, `${requests} requests for a floor of ${floor}`);
  for (const [account, list] of cursors(messages, "messages", "date_sent")) {
    ok(list.length >= 3, `${account}: several checkpoints in one day (${list.length})`);
    deepEqual(list, [...list].sort((a, b) => a - b), `${account}: in time order`);
  }
});

Deno.test("a sync stopped between cut windows resumes with no gap and no duplicate before its cursor", async () => {
  await using sim = await startSimulator({
    seed: 54,
    now: NOW,
    counts: { messages: 100_000 },
    pageSizeCap: 50,
  });
  const start = NOW - DAY;
  const config = configFor(sim, { start_date: daysAgo(1, NOW), max_concurrency: 2 });
  const catalog = catalogOf(["messages"]);
  // Killed after its 4th STATE: what the destination got is the read up to that line.
  const whole = await readAll(config, catalog, { now });
  let states = 0;
  const kill = whole.findIndex((m) => m.type === "STATE" && ++states === 4);
  ok(kill > 0, "the read printed 4 STATEs");
  const first = whole.slice(0, kill + 1);
  const last = first.findLast((m) => m.type === "STATE");
  ok(last?.type === "STATE", "stopped after a STATE");
  const blob = last.state.stream.stream_state as {
    states: { partition: JsonObject; cursor: JsonObject }[];
  };
  const cursorOf = new Map(
    blob.states.map((s) => [s.partition.account_sid, Date.parse(String(s.cursor.date_sent))]),
  );
  const second = await readAll(config, catalog, {
    now,
    state: [last.state as unknown as JsonObject],
  });
  deepEqual(errorsOf(second), []);
  const before = recordsOf(first, "messages");
  const after = recordsOf(second, "messages");
  const got = new Set([...before, ...after].map((m) => m.sid));
  const expected = sim.expected("messages", { since: new Date(start) });
  deepEqual(expected.filter((m) => !got.has(m.sid)).map((m) => m.sid), [], "no gap");
  for (const m of after) {
    const cursor = cursorOf.get(m.account_sid);
    if (cursor === undefined) continue;
    ok(Date.parse(String(m.date_sent)) >= cursor - 999, `${m.sid} re-read only from the cursor on`);
  }
  ok(after.length > 0 && after.length < expected.length, "stopped midway, not started over");
});

Deno.test("a state written by the fixed-step version loads, and the read starts at its cursor", async () => {
  await using sim = await startSimulator({ seed: 55, now: NOW });
  const config = configFor(sim, { start_date: daysAgo(30, NOW) });
  // The blob of 81624b4 (one daily slice after another), as its STATE line carried it.
  const state = {
    type: "STREAM",
    stream: {
      stream_descriptor: { name: "messages" },
      stream_state: {
        states: [{
          partition: { account_sid: sim.accountSid },
          cursor: { date_sent: "2026-05-20T23:59:59Z" },
        }],
      },
    },
  };
  const messages = await readAll(config, catalogOf(["messages"]), { now, state: [state] });
  deepEqual(errorsOf(messages), []);
  const mine = sim.requests.filter((r) => r.path.endsWith(`${sim.accountSid}/Messages.json`));
  deepEqual(
    mine.map((r) => new URLSearchParams(r.query).get("DateSent>")),
    ["2026-05-20 23:59:59Z"],
    "one window from the saved cursor",
  );
  const got = recordsOf(messages, "messages").filter((m) => m.account_sid === sim.accountSid);
  ok(got.every((m) => Date.parse(String(m.date_sent)) >= Date.parse("2026-05-20T23:59:59Z")));
});
