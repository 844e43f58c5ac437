import { deepEqual, equal, ok } from "node:assert/strict";
import {
  assertConfigError,
  assertRecordCounts,
  assertUsageError,
  cli,
  cursorsOf,
  lastStreamState,
  SECRET,
} from "./_cli.ts";
import {
  catalogOf,
  configFor,
  errorsOf,
  finalStates,
  identities,
  recordsOf,
  sidsOf,
  statusesOf,
} from "../_helpers.ts";
import { STREAMS } from "../../streams/mod.ts";
import type { JsonObject } from "../../protocol/messages.ts";
import { startSimulator, STREAM_NAMES } from "../../simulator/mod.ts";

Deno.test("main.ts spec prints one SPEC line that marks auth_token as a secret", async () => {
  const run = await cli(["spec"]);
  equal(run.code, 0);
  equal(run.messages.length, 1);
  const [message] = run.messages;
  ok(message?.type === "SPEC", run.stdout);
  const properties = message.spec.connectionSpecification.properties as Record<
    string,
    Record<string, unknown>
  >;
  equal(properties.auth_token?.airbyte_secret, true);
});

Deno.test("main.ts check reports SUCCEEDED against the simulator", async () => {
  await using sim = await startSimulator();
  const run = await cli(["check", "--config", "@config"], { config: configFor(sim) }, {
    secrets: [sim.authToken],
  });
  equal(run.code, 0);
  deepEqual(run.messages, [{
    type: "CONNECTION_STATUS",
    connectionStatus: { status: "SUCCEEDED", message: "Reads 3 of 3 accounts" },
  }]);
});

Deno.test("main.ts check reports FAILED with a distinct, actionable message per problem", async () => {
  await using sim = await startSimulator();
  const cases: [string, unknown, RegExp[]][] = [
    ["wrong auth_token", configFor(sim, { auth_token: SECRET }), [/401/, /credentials/]],
    [
      "unreachable host",
      configFor(sim, { auth_token: SECRET, base_url: "http://127.0.0.1:1" }),
      [/reach/, /127\.0\.0\.1:1/],
    ],
    ["invalid config", configFor(sim, { auth_token: SECRET, start_date: "last week" }), [
      /start_date/,
    ]],
    ["malformed config file", `{"auth_token": ${SECRET}}`, [/config file/, /not valid JSON/]],
  ];
  const seen = new Set<string>();
  for (const [problem, config, patterns] of cases) {
    const run = await cli(["check", "--config", "@config"], { config });
    equal(run.code, 0, problem);
    equal(run.messages.length, 1, `${problem}: ${run.stdout}`);
    const [message] = run.messages;
    ok(message?.type === "CONNECTION_STATUS", `${problem}: ${run.stdout}`);
    equal(message.connectionStatus.status, "FAILED", problem);
    const text = message.connectionStatus.message ?? "";
    for (const pattern of patterns) ok(pattern.test(text), `${problem}: ${text}`);
    seen.add(text);
  }
  equal(seen.size, cases.length, "the messages must differ");
});

Deno.test("main.ts check with a one-letter auth_token still prints a valid FAILED status", async () => {
  await using sim = await startSimulator();
  const run = await cli(["check", "--config", "@config"], {
    config: configFor(sim, { auth_token: "e" }),
  });
  equal(run.messages.length, 1, run.stdout);
  const [message] = run.messages;
  ok(message?.type === "CONNECTION_STATUS", run.stdout);
  equal(message.connectionStatus.status, "FAILED");
  ok(/401/.test(message.connectionStatus.message ?? ""), message.connectionStatus.message);
});

Deno.test("main.ts discover prints one CATALOG of the 40 streams", async () => {
  await using sim = await startSimulator();
  const run = await cli(["discover", "--config", "@config"], { config: configFor(sim) }, {
    secrets: [sim.authToken],
  });
  equal(run.code, 0);
  equal(run.messages.length, 1);
  const [message] = run.messages;
  ok(message?.type === "CATALOG", run.stdout);
  deepEqual(message.catalog.streams.map((s) => s.name).sort(), [...STREAM_NAMES].sort());
});

Deno.test("main.ts discover turns an invalid config into one config_error trace", async () => {
  await using sim = await startSimulator();
  const config = configFor(sim, { auth_token: SECRET, account_sid: "AC123" });
  const run = await cli(["discover", "--config", "@config"], { config });
  assertConfigError(run, /account_sid/);
});

Deno.test("main.ts read emits records, counted states and statuses; --state resumes", async (t) => {
  await using sim = await startSimulator();
  const config = configFor(sim, { lookback_window: 0 });
  const catalog = catalogOf(["accounts", "messages", "conversations"]);
  const options = { secrets: [sim.authToken] };
  const start = new Date(String(config.start_date));
  const first = await cli(
    ["read", "--config", "@config", "--catalog", "@catalog"],
    { config, catalog },
    options,
  );

  await t.step("the first read returns every record of every stream", () => {
    equal(first.code, 0, first.stderr);
    equal(errorsOf(first.messages).length, 0);
    for (const stream of ["accounts", "messages", "conversations"]) {
      const records = recordsOf(first.messages, stream);
      ok(records.length > 0, stream);
      deepEqual(sidsOf(records), sidsOf(sim.expected(stream, { since: start })), stream);
    }
  });

  await t.step("each STATE counts the records of its stream since the previous one", () => {
    assertRecordCounts(first.messages);
  });

  await t.step("each stream goes STARTED, RUNNING, COMPLETE after its last STATE", () => {
    for (const stream of ["accounts", "messages", "conversations"]) {
      deepEqual(statusesOf(first.messages, stream), ["STARTED", "RUNNING", "COMPLETE"], stream);
      const lastState = first.messages.findLastIndex((m) =>
        m.type === "STATE" && m.state.stream.stream_descriptor.name === stream
      );
      const complete = first.messages.findIndex((m) =>
        m.type === "TRACE" && m.trace.type === "STREAM_STATUS" &&
        m.trace.stream_status.stream_descriptor.name === stream &&
        m.trace.stream_status.status === "COMPLETE"
      );
      ok(lastState >= 0 && lastState < complete, stream);
    }
  });

  await t.step("a read from the final states returns nothing older than the cursors", async () => {
    const saved = lastStreamState(first.messages, "messages");
    ok(saved, "no messages STATE");
    const cursors = cursorsOf(saved, "date_sent");
    deepEqual([...cursors.keys()].sort(), [sim.accountSid, ...sim.subaccountSids].sort());
    const state = finalStates(first.messages);
    const second = await cli(
      ["read", "--config", "@config", "--catalog", "@catalog", "--state", "@state"],
      { config, catalog, state },
      options,
    );
    equal(second.code, 0, second.stderr);
    assertRecordCounts(second.messages);
    for (const record of recordsOf(second.messages, "messages")) {
      const cursor = cursors.get(String(record.account_sid))!;
      ok(Date.parse(String(record.date_sent)) >= cursor, `${record.sid} is older than its cursor`);
    }
    // Full-refresh streams start over.
    equal(recordsOf(second.messages, "accounts").length, sim.expected("accounts").length);
  });
});

Deno.test("main.ts reads all 40 streams of every account in full under the heap limit it ships with, printing no subaccount token", async () => {
  // Pages of 1,000 messages (about 1 MB each), and every parent/child stream at once.
  await using sim = await startSimulator({ seed: 12, counts: { messages: 5_000, calls: 3_000 } });
  const config = configFor(sim);
  const since = new Date(String(config.start_date));
  const result = await cli(
    ["read", "--config", "@config", "--catalog", "@catalog"],
    { config, catalog: catalogOf(STREAMS.map((s) => s.name)) },
    // Every account's auth token: the subaccounts' are read from the Accounts list and used.
    { secrets: sim.accounts.map((a) => a.authToken) },
  );
  equal(result.code, 0, result.stderr);
  ok(result.stderr.includes("accounts: 3 of 3 done"), result.stderr);
  for (const def of STREAMS) {
    const expected = sim.expected(def.name, def.incremental ? { since } : {}) as JsonObject[];
    const records = recordsOf(result.messages, def.name);
    deepEqual(
      identities(def, records),
      identities(def, expected),
      `${def.name}: every record, once`,
    );
  }
});

Deno.test("main.ts exits 2 with usage on stderr for a bad command line", async (t) => {
  const cases: [string, string[], RegExp][] = [
    ["an unknown command", ["pull"], /unknown command "pull"/],
    ["an unknown flag", ["spec", "--verbose"], /--verbose/],
    ["check without --config", ["check"], /check needs --config/],
    ["read without --catalog", ["read", "--config", "@config"], /read needs --catalog/],
    ["an extra positional argument", ["discover", "extra", "--config", "@config"], /extra/],
    ["sync without --dir", ["sync", "--config", "@config"], /sync needs --dir/],
    ["sync with --state", ["sync", "--config", "@config", "--dir", "d", "--state", "s"], /--state/],
    ["read with --dir", ["read", "--config", "@config", "--catalog", "c", "--dir", "d"], /--dir/],
    [
      "sync with a negative --commit-every",
      ["sync", "--config", "@config", "--dir", "d", "--commit-every", "soon"],
      /--commit-every takes seconds/,
    ],
  ];
  const config = { account_sid: `AC${"0".repeat(32)}`, auth_token: SECRET };
  for (const [name, args, pattern] of cases) {
    await t.step(name, async () => {
      assertUsageError(await cli(args, { config }), pattern);
    });
  }
});
