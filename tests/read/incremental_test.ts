/**
 * Incremental reads against the simulator: consecutive syncs, updates after
 * send, state inputs of every accepted shape, malformed and future states.
 */
import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { startSimulator } from "../../simulator/mod.ts";
import { ConfigError } from "../../pipeline/errors.ts";
import type { AirbyteMessage, JsonObject } from "../../protocol/messages.ts";
import {
  catalogOf,
  configFor,
  daysAgo,
  errorsOf,
  finalStates,
  logsOf,
  readAll,
  recordsOf,
  rewritingFetch,
  sidsOf,
  statusesOf,
} from "../_helpers.ts";
import { read } from "../../source.ts";
import { REGISTRY } from "../../streams/mod.ts";

function statesOf(messages: readonly AirbyteMessage[], stream: string): JsonObject[] {
  return messages.flatMap((m) =>
    m.type === "STATE" && m.state.stream.stream_descriptor.name === stream
      ? [m.state.stream.stream_state]
      : []
  );
}

Deno.test("two consecutive syncs return every new record and the changed versions, nothing else", async () => {
  await using sim = await startSimulator({ seed: 5 });
  const config = configFor(sim, { start_date: daysAgo(30, sim.now) });
  const catalog = catalogOf(["messages", "calls"]);
  const now = () => sim.now;
  const first = await readAll(config, catalog, { now });
  const firstMessages = recordsOf(first, "messages");
  deepEqual(
    sidsOf(firstMessages),
    sidsOf(
      sim.expected("messages", { since: new Date(String(config.start_date)) }) as JsonObject[],
    ),
  );
  const emitted = new Set([...firstMessages, ...recordsOf(first, "calls")].map((r) => r.sid));
  const change = sim.mutate({ advanceMs: 2 * 3_600_000, messages: 4, calls: 3, changes: 3 });
  const second = await readAll(config, catalog, { now, state: finalStates(first) });
  for (const stream of ["messages", "calls"] as const) {
    const records = recordsOf(second, stream);
    const got = new Set(records.map((r) => String(r.sid)));
    const cursor = stream === "messages" ? "date_sent" : "end_time";
    const current = new Map((sim.expected(stream) as JsonObject[]).map((r) => [r.sid, r]));
    // A call still in progress has no end_time yet: it is read once it ends.
    const readable = change.added[stream].filter((sid) => current.get(sid)?.[cursor] != null);
    ok(readable.length > 0, `${stream}: the mutation added readable records`);
    for (const sid of readable) ok(got.has(sid), `${stream}: new ${sid} read`);
    // Messages change after the first read (sent → delivered, price set): the re-read list
    // must catch them. Calls change by ending: the EndTime window catches those.
    const changedSeen = stream === "messages"
      ? change.changed[stream].filter((sid) => emitted.has(sid))
      : change.changed[stream];
    ok(changedSeen.length > 0, `${stream}: the mutation changed records to look for`);
    for (const sid of changedSeen) {
      const record = records.find((r) => r.sid === sid);
      ok(record, `${stream}: changed ${sid} read again`);
      equal(record.status, current.get(sid)!.status, `${stream}: ${sid} has its new status`);
      ok(record.price !== null, `${stream}: ${sid} has its price now`);
    }
    const allowed = new Set([...change.added[stream], ...change.changed[stream]]);
    for (const sid of got) ok(allowed.has(sid), `${stream}: ${sid} is new or changed`);
    equal(got.size, records.length, `${stream}: no record twice`);
  }
});

Deno.test("lookback re-reads only records inside the lookback window", async () => {
  await using sim = await startSimulator({ seed: 6 });
  const config = configFor(sim, { start_date: daysAgo(30, sim.now), lookback_window: 600 });
  const catalog = catalogOf(["messages"]);
  const now = () => sim.now;
  const first = await readAll(config, catalog, { now });
  sim.mutate({ advanceMs: 60_000, messages: 0, calls: 0, changes: 0 });
  const second = await readAll(config, catalog, { now, state: finalStates(first) });
  const floor = sim.now - 60_000 - 600 * 60_000;
  for (const record of recordsOf(second, "messages")) {
    ok(Date.parse(String(record.date_sent)) >= floor - 1000, "re-read only inside the lookback");
  }
});

Deno.test("state of Airbyte's own Twilio connector is accepted: flat, per-partition and low-code shapes", async () => {
  await using sim = await startSimulator({ seed: 7 });
  const config = configFor(sim, { start_date: daysAgo(40, sim.now) });
  const cutoff = new Date(sim.now - 10 * 86_400_000);
  const spaced = cutoff.toISOString().slice(0, 19).replace("T", " ") + "Z";
  const expected = sidsOf(sim.expected("messages", { since: cutoff }) as JsonObject[]);
  const accounts = [sim.accountSid, ...sim.subaccountSids];
  const uri = (ac: string) => `/2010-04-01/Accounts/${ac}/Messages.json`;
  const shapes: Record<string, JsonObject> = {
    flat: { date_sent: spaced },
    python: {
      states: accounts.map((ac) => ({
        partition: { subresource_uri: uri(ac) },
        cursor: { date_sent: spaced },
      })),
    },
    lowCode: {
      states: accounts.map((ac) => ({
        partition: { subresource_uri: uri(ac), parent_slice: {} },
        cursor: { date_sent: cutoff.toISOString() },
      })),
      state: { date_sent: spaced },
      use_global_cursor: false,
    },
  };
  for (const [shape, streamState] of Object.entries(shapes)) {
    const state = [{
      type: "STREAM",
      stream: { stream_descriptor: { name: "messages" }, stream_state: streamState },
    }];
    const messages = await readAll(config, catalogOf(["messages"]), { now: () => sim.now, state });
    deepEqual(
      sidsOf(recordsOf(messages, "messages")),
      expected,
      `${shape} state resumes at its cursor`,
    );
  }
});

Deno.test("a partition's cursor never skips another partition", async () => {
  await using sim = await startSimulator({ seed: 8 });
  const config = configFor(sim, { start_date: daysAgo(40, sim.now) });
  const future = new Date(sim.now + 86_400_000).toISOString().slice(0, 19) + "Z";
  const state = {
    messages: {
      states: [{ partition: { account_sid: sim.accountSid }, cursor: { date_sent: future } }],
    },
  };
  const messages = await readAll(config, catalogOf(["messages"]), { now: () => sim.now, state });
  const records = recordsOf(messages, "messages");
  ok(records.every((r) => r.account_sid !== sim.accountSid), "main account is up to date");
  const subs =
    (sim.expected("messages", { since: new Date(String(config.start_date)) }) as JsonObject[])
      .filter((r) => r.account_sid !== sim.accountSid);
  deepEqual(sidsOf(records), sidsOf(subs), "subaccounts read from start_date");
});

Deno.test("a far-future state reads nothing and still emits one STATE per stream", async () => {
  await using sim = await startSimulator({ seed: 9 });
  const config = configFor(sim, { start_date: daysAgo(40, sim.now) });
  const streams = ["messages", "calls", "alerts", "usage_records", "executions", "step"];
  const state = streams.map((name) => ({
    type: "STREAM",
    stream: {
      stream_descriptor: { name },
      stream_state: { state: { [cursorOf(name)]: "2100-01-01T00:00:00Z" } },
    },
  }));
  const messages = await readAll(config, catalogOf(streams), { now: () => sim.now, state });
  for (const name of streams) {
    // A product stream's account-less cursor is the main account's: subaccounts are read from
    // start_date.
    const product = REGISTRY.get(name)!.product !== "api";
    const records = recordsOf(messages, name).filter((r) =>
      !product || r.account_sid === sim.accountSid
    );
    equal(records.length, 0, `${name}: nothing new`);
    if (!product) equal(statesOf(messages, name).length, 1, `${name}: one STATE`);
  }
  for (const name of ["alerts", "executions", "step"]) {
    ok(recordsOf(messages, name).length > 0, `the subaccounts' ${name} are read`);
  }
  const alerts = statesOf(messages, "alerts").at(-1) as { states: JsonObject[] };
  deepEqual(alerts.states.find((s) => (s.partition as JsonObject).account_sid === sim.accountSid), {
    partition: { account_sid: sim.accountSid },
    cursor: { date_generated: "2100-01-01T00:00:00Z" },
  });
});

function cursorOf(stream: string): string {
  return ({
    messages: "date_sent",
    calls: "end_time",
    alerts: "date_generated",
    usage_records: "start_date",
  } as Record<string, string>)[stream] ?? "date_created";
}

Deno.test("malformed states are a config_error, never a silent full resync", async () => {
  await using sim = await startSimulator({ seed: 10 });
  const config = configFor(sim);
  const bad: unknown[] = [
    { messages: { date_sent: "yesterday" } },
    { messages: { states: "all" } },
    { messages: { states: [{ partition: { account_sid: "AC1" }, cursor: {} }] } },
    [{ type: "GLOBAL", global: {} }],
    [{ type: "STREAM", stream: { stream_state: {} } }],
    "not a state",
  ];
  for (const state of bad) {
    throws(
      () => read(config, catalogOf(["messages"]), { state }),
      ConfigError,
      JSON.stringify(state),
    );
  }
});

Deno.test("every STATE differs from the previous one of its stream, and counts its records", async () => {
  await using sim = await startSimulator({ seed: 11, pageSizeCap: 3 });
  const messages = await readAll(
    configFor(sim),
    catalogOf(["messages", "calls", "message_media"]),
    {
      now: () => sim.now,
    },
  );
  const last = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const m of messages) {
    if (m.type === "RECORD") counts.set(m.record.stream, (counts.get(m.record.stream) ?? 0) + 1);
    if (m.type !== "STATE") continue;
    const name = m.state.stream.stream_descriptor.name;
    const text = JSON.stringify(m.state.stream.stream_state);
    ok(last.get(name) !== text, `${name}: no repeated STATE`);
    last.set(name, text);
    equal(m.state.sourceStats?.recordCount, counts.get(name) ?? 0, `${name}: recordCount`);
    counts.set(name, 0);
  }
});

Deno.test("unsettled records fetched again are validated like listed ones: logged, or failing in strict mode", async () => {
  await using sim = await startSimulator({ seed: 5 });
  const config = configFor(sim, { start_date: daysAgo(30, sim.now) });
  const catalog = catalogOf(["messages"]);
  const now = () => sim.now;
  const first = await readAll(config, catalog, { now });
  sim.mutate({ advanceMs: 2 * 3_600_000, messages: 0, calls: 0, changes: 3 });
  // Only a message fetched by its SID comes back broken.
  const broken = rewritingFetch(/\/Messages\/SM[0-9a-f]+\.json/, (body) => {
    body.num_segments = "several";
  });
  const state = finalStates(first);
  const lenient = await readAll(config, catalog, { now, state, fetch: broken });
  const refetched = recordsOf(lenient, "messages").filter((r) => r.num_segments === "several");
  ok(refetched.length > 0, "a changed message was fetched again and emitted as received");
  ok(logsOf(lenient, "WARN").some((l) => /num_segments/.test(l)), "and logged");
  equal(errorsOf(lenient).length, 0);
  const strict = await readAll({ ...config, fail_on_invalid_records: true }, catalog, {
    now,
    state,
    fetch: broken,
  });
  equal(statusesOf(strict, "messages").at(-1), "INCOMPLETE");
  const [error] = errorsOf(strict);
  ok(error?.message.includes("num_segments"), error?.message);
  equal(recordsOf(strict, "messages").filter((r) => r.num_segments === "several").length, 0);
});
