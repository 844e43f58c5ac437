/**
 * Every account's data (issue #13), through `read` and `check` of `mod.ts`
 * against the simulator: product streams read for each account with its own
 * credentials, choosing accounts (allow-list, include_subaccounts, shards),
 * products an account lacks, per-account throttling, and old states.
 */
import { configAt, simAt } from "./_clock.ts";
import { deepEqual, equal, match, ok, throws } from "node:assert/strict";
import {
  check,
  ConfigError,
  read,
  REGISTRY,
  type Simulator,
  startSimulator,
  STREAMS,
} from "../../mod.ts";
import type { AirbyteMessage, JsonObject } from "../../protocol/messages.ts";
import {
  catalogOf,
  configFor,
  daysAgo,
  errorsOf,
  identities,
  logsOf,
  perAccountStreams,
  readAll,
  recordsOf,
  statusesOf,
} from "../_helpers.ts";

/** The 16 streams of the product hosts read per account (not pricing: the same for all). */
const PRODUCT_STREAMS = perAccountStreams();

const accountsOf = (records: readonly JsonObject[]) =>
  [...new Set(records.map((r) => String(r.account_sid)))].sort();

const allSids = (sim: Simulator) => [sim.accountSid, ...sim.subaccountSids].sort();

function since(config: JsonObject, stream: string) {
  return REGISTRY.get(stream)?.incremental ? { since: new Date(String(config.start_date)) } : {};
}

/** Every way a secret could leak: as itself, and in a Basic-auth header value. */
function leaks(messages: readonly AirbyteMessage[], sim: Simulator): string[] {
  const text = JSON.stringify(messages);
  return sim.accounts.flatMap((a) =>
    [a.authToken, btoa(`${a.sid}:${a.authToken}`)].filter((s) => text.includes(s))
  );
}

Deno.test("read() with the main auth token returns every account's product records, each with its account_sid", async () => {
  await using sim = await startSimulator({ seed: 131 });
  const config = configFor(sim);
  const messages = await readAll(config, catalogOf(PRODUCT_STREAMS), { now: () => sim.now });
  deepEqual(errorsOf(messages), []);
  deepEqual(logsOf(messages, "WARN"), [], "every account is covered");
  for (const name of PRODUCT_STREAMS) {
    const def = REGISTRY.get(name)!;
    const records = recordsOf(messages, name);
    deepEqual(accountsOf(records), allSids(sim), `${name}: every account`);
    const expected = sim.expected(name, since(config, name)) as JsonObject[];
    deepEqual(identities(def, records), identities(def, expected), `${name}: the records`);
    equal(new Set(identities(def, records)).size, records.length, `${name}: keys unique`);
    deepEqual(statusesOf(messages, name), ["STARTED", "RUNNING", "COMPLETE"], name);
  }
  // Product hosts were asked with each account's own credentials.
  for (const sid of allSids(sim)) ok((sim.stats.productByAccount.get(sid) ?? 0) > 0, sid);
});

Deno.test("no subaccount auth token appears in any record, log, state or error", async () => {
  // On the fixed clock: the faults fall on the same requests whatever the day.
  await using sim = await simAt({ seed: 132, faults: { rate5xx: 0.05 } });
  const all = STREAMS.map((s) => s.name);
  const messages = await readAll(configAt(sim), catalogOf(all), {
    now: () => sim.now,
    sleep: () => Promise.resolve(),
  });
  ok(recordsOf(messages, "conversations").length > 0);
  deepEqual(leaks(messages, sim), []);
  ok(recordsOf(messages, "accounts").every((a) => a.auth_token === "**********"));
});

Deno.test("account_sids reads only the accounts it lists, in every stream", async () => {
  await using sim = await startSimulator({ seed: 133 });
  const chosen = sim.subaccountSids[0]!;
  const streams = ["accounts", "messages", "conversations", "flows"];
  const messages = await readAll(configFor(sim, { account_sids: [chosen] }), catalogOf(streams), {
    now: () => sim.now,
  });
  deepEqual(errorsOf(messages), []);
  deepEqual(recordsOf(messages, "accounts").map((a) => a.sid), [chosen]);
  for (const name of streams.slice(1)) {
    const records = recordsOf(messages, name);
    ok(records.length > 0, name);
    deepEqual(accountsOf(records), [chosen], name);
  }
  equal(sim.stats.productByAccount.get(sim.accountSid) ?? 0, 0, "the main account's not asked");
});

Deno.test("include_subaccounts: false reads the main account only, without a WARN", async () => {
  await using sim = await startSimulator({ seed: 134 });
  const config = configFor(sim, { include_subaccounts: false });
  const messages = await readAll(config, catalogOf(["accounts", "calls", "users"]), {
    now: () => sim.now,
  });
  deepEqual(errorsOf(messages), []);
  deepEqual(logsOf(messages, "WARN"), []);
  deepEqual(recordsOf(messages, "accounts").map((a) => a.sid), [sim.accountSid]);
  deepEqual(accountsOf(recordsOf(messages, "calls")), [sim.accountSid]);
  deepEqual(accountsOf(recordsOf(messages, "users")), [sim.accountSid]);
});

Deno.test("account_sids with a SID outside the tree is a config_error before any record", async () => {
  await using sim = await startSimulator({ seed: 135 });
  const stranger = "AC" + "e".repeat(32);
  const messages = await readAll(
    configFor(sim, { account_sids: [sim.accountSid, stranger] }),
    catalogOf(["accounts", "messages", "conversations"]),
    { now: () => sim.now },
  );
  equal(messages.filter((m) => m.type === "RECORD").length, 0, "no record");
  const errors = errorsOf(messages);
  equal(errors.length, 1);
  equal(errors[0]!.failure_type, "config_error");
  match(errors[0]!.message, new RegExp(`account_sids: ${stranger} is not the account`));
  ok(sim.requests.every((r) => r.path.endsWith("/Accounts.json")), "only the Accounts list");
  const status = await check(configFor(sim, { account_sids: [stranger] }));
  ok(status.type === "CONNECTION_STATUS" && status.connectionStatus.status === "FAILED");
  match(status.connectionStatus.message ?? "", /is not the account/);
});

Deno.test("account_sids that are not AC SIDs, or subaccounts without include_subaccounts, are refused at once", async () => {
  await using sim = await startSimulator({ seed: 136 });
  const catalog = catalogOf(["accounts"]);
  const bad = [
    [{ account_sids: ["SK" + "0".repeat(32)] }, /account_sids\.0: must be AC followed by/],
    [{ account_sids: [] }, /account_sids: list at least one SID/],
    [
      { account_sids: [sim.subaccountSids[0]!], include_subaccounts: false },
      /include_subaccounts is false/,
    ],
    [{ account_shard: { index: 3, count: 3 } }, /account_shard\.index: index must be below count/],
  ] as const;
  for (const [overrides, message] of bad) {
    throws(() => read(configFor(sim, overrides), catalog), (error: unknown) => {
      ok(error instanceof ConfigError, String(error));
      match(error.message, message);
      return true;
    });
  }
  equal(sim.stats.requests, 0, "nothing was sent");
});

Deno.test("account shards split the tree with no overlap and no gap, and check() counts each", async () => {
  await using sim = await startSimulator({ seed: 137, subaccounts: 9 });
  for (const count of [1, 2, 3, 4, 7]) {
    const shards: string[][] = [];
    for (let index = 0; index < count; index++) {
      const config = configFor(sim, { account_shard: { index, count } });
      const messages = await readAll(config, catalogOf(["accounts", "trunks"]), {
        now: () => sim.now,
      });
      deepEqual(errorsOf(messages), []);
      const sids = recordsOf(messages, "accounts").map((a) => String(a.sid)).sort();
      deepEqual(accountsOf(recordsOf(messages, "trunks")), sids, "products follow the shard");
      shards.push(sids);
      const status = await check(config);
      ok(status.type === "CONNECTION_STATUS");
      equal(
        status.connectionStatus.message,
        `Reads shard ${index} of ${count}: ${sids.length} of 10 accounts`,
      );
    }
    deepEqual(shards.flat().sort(), allSids(sim), `${count} shards: every account once`);
  }
});

Deno.test("a subaccount without a product is skipped for it with one log line; the others go on", async () => {
  await using sim = await startSimulator({
    seed: 138,
    productsDisabled: { "1": ["conversations"] },
  });
  const lacking = sim.subaccountSids[0]!;
  const streams = ["conversations", "conversation_messages", "users", "services", "flows"];
  const messages = await readAll(configFor(sim), catalogOf(streams), { now: () => sim.now });
  deepEqual(errorsOf(messages), []);
  for (const name of streams) {
    const others = allSids(sim).filter((sid) => name === "flows" || sid !== lacking);
    deepEqual(accountsOf(recordsOf(messages, name)), others, name);
    equal(statusesOf(messages, name).at(-1), "COMPLETE", name);
  }
  const lines = logsOf(messages).filter((l) => l.includes(lacking));
  equal(lines.length, 1, "one line for the account and product");
  match(lines[0]!, /skipped for the conversations streams: Twilio answered 403/);
});

Deno.test("a product no account has leaves its streams INCOMPLETE with a WARN, and the sync goes on", async () => {
  const off = ["verify"] as const;
  await using sim = await startSimulator({
    seed: 139,
    productsDisabled: { "0": off, "1": off, "2": off },
  });
  const messages = await readAll(configFor(sim), catalogOf(["verify_services", "trunks"]), {
    now: () => sim.now,
  });
  deepEqual(errorsOf(messages), []);
  deepEqual(statusesOf(messages, "verify_services"), ["STARTED", "INCOMPLETE"]);
  equal(statusesOf(messages, "trunks").at(-1), "COMPLETE");
  const warns = logsOf(messages, "WARN");
  equal(warns.length, 1);
  match(warns[0]!, /Skipped stream "verify_services": Twilio answered 403 for every account/);
  const status = await check(configFor(sim));
  ok(status.type === "CONNECTION_STATUS" && status.connectionStatus.status === "SUCCEEDED");
});

Deno.test("a throttled account waits alone: the others finish while its requests get 429", async () => {
  await using sim = await startSimulator({ seed: 140 });
  const throttled = sim.subaccountSids[1]!;
  let open!: () => void;
  const released = new Promise<void>((resolve) => open = resolve);
  let throttling = true;
  let doneWhileThrottled = 0;
  const fetch429: typeof fetch = (input, init) => {
    const user = atob(new Headers(init?.headers).get("authorization")!.slice(6)).split(":")[0];
    if (throttling && user === throttled) {
      return Promise.resolve(Response.json({ code: 20429 }, { status: 429 }));
    }
    return fetch(input, init);
  };
  const accounts: string[] = [];
  const messages = await readAll(configFor(sim), catalogOf(["conversations", "flows", "users"]), {
    now: () => sim.now,
    fetch: fetch429,
    // The throttled account's retries wait until every other account is done.
    sleep: () => released,
    onAccounts: (done, total) => {
      accounts.push(`${done}/${total}`);
      if (throttling && done === total - 1) {
        doneWhileThrottled = done;
        throttling = false;
        open();
      }
    },
  });
  deepEqual(errorsOf(messages), []);
  equal(doneWhileThrottled, 2, "both other accounts finished while it was throttled");
  deepEqual(accounts, ["0/3", "1/3", "2/3", "3/3"]);
  for (const name of ["conversations", "flows", "users"]) {
    deepEqual(accountsOf(recordsOf(messages, name)), allSids(sim), name);
  }
});

Deno.test("an alerts state from before accounts were partitions is the main account's only", async () => {
  await using sim = await startSimulator({ seed: 141 });
  const config = configFor(sim, { start_date: daysAgo(40, sim.now) });
  const cursor = new Date(sim.now - 3 * 86_400_000).toISOString().slice(0, 19) + "Z";
  for (
    const old of [
      { date_generated: cursor },
      { states: [{ partition: {}, cursor: { date_generated: cursor } }] },
    ]
  ) {
    const state = [{
      type: "STREAM",
      stream: { stream_descriptor: { name: "alerts" }, stream_state: old },
    }];
    const messages = await readAll(config, catalogOf(["alerts"]), { now: () => sim.now, state });
    const records = recordsOf(messages, "alerts");
    const main = records.filter((r) => r.account_sid === sim.accountSid);
    ok(main.every((r) => String(r.date_generated) >= cursor), "main: from its cursor");
    const expected = sim.expected("alerts", { since: new Date(cursor) })
      .filter((r) => r.account_sid === sim.accountSid);
    equal(main.length, expected.length);
    for (const sid of sim.subaccountSids) {
      const theirs = records.filter((r) => r.account_sid === sid).length;
      const all = sim.expected("alerts").filter((r) => r.account_sid === sid).length;
      equal(theirs, all, `${sid}: read from start_date, not from the main account's cursor`);
    }
  }
});

Deno.test("STATE of a stream over many accounts is emitted once per round of its partitions' windows, not per window", async () => {
  await using sim = await startSimulator({ seed: 142, subaccounts: 19, counts: { messages: 3 } });
  const config = configFor(sim, { start_date: daysAgo(8, sim.now), slice_step: "P1D" });
  const messages = await readAll(config, catalogOf(["messages"]), { now: () => sim.now });
  deepEqual(errorsOf(messages), []);
  const states = messages.flatMap((m) => m.type === "STATE" ? [m.state.stream.stream_state] : []);
  // One window per request; a STATE every 20 moves once the 20 partitions are open (more often
  // while they open), where a STATE per window would make them as many as the windows.
  const windows = sim.requests.filter((r) => r.path.endsWith("/Messages.json")).length;
  ok(windows >= 180, `${windows} windows`);
  ok(states.length <= windows / 6, `${states.length} STATEs for ${windows} windows`);
  const last = states.at(-1) as { states: { partition: JsonObject }[] };
  deepEqual(last.states.map((s) => s.partition.account_sid).sort(), allSids(sim));
  equal(
    recordsOf(messages, "messages").length,
    sim.expected("messages", since(config, "messages")).length,
  );
});

Deno.test("closed subaccounts are listed only; suspended ones are read where Twilio still serves them", async () => {
  await using sim = await startSimulator({
    seed: 143,
    accountStatuses: { "1": "suspended", "2": "closed" },
  });
  const [suspended, closed] = sim.subaccountSids;
  const messages = await readAll(configFor(sim), catalogOf(["accounts", "messages", "flows"]), {
    now: () => sim.now,
  });
  deepEqual(errorsOf(messages), []);
  deepEqual(recordsOf(messages, "accounts").map((a) => a.sid).sort(), allSids(sim));
  deepEqual(accountsOf(recordsOf(messages, "messages")), [sim.accountSid, suspended!].sort());
  deepEqual(accountsOf(recordsOf(messages, "flows")), [sim.accountSid]);
  const lines = logsOf(messages).filter((l) => l.includes(suspended!));
  deepEqual(lines.length, 1);
  match(
    lines[0]!,
    /skipped for the studio streams: Twilio answered 403 .*the account is suspended/,
  );
  equal(sim.stats.byAccount.get(closed!) ?? 0, 0, "nothing is asked of a closed account");
});

Deno.test("an API key that may not list accounts still reads the main account's product streams", async () => {
  await using sim = await startSimulator({ seed: 144 });
  const { auth_token: _, ...config } = configFor(sim, { api_key: sim.apiKey });
  // A Standard API key: Twilio refuses it the Accounts list.
  const standard: typeof fetch = (input, init) =>
    String(input instanceof Request ? input.url : input).includes("/Accounts.json")
      ? Promise.resolve(Response.json({ code: 20403, message: "Forbidden" }, { status: 403 }))
      : fetch(input, init);
  const messages = await readAll(config, catalogOf(["conversations", "flows"]), {
    now: () => sim.now,
    fetch: standard,
  });
  deepEqual(errorsOf(messages), []);
  deepEqual(accountsOf(recordsOf(messages, "conversations")), [sim.accountSid]);
  deepEqual(accountsOf(recordsOf(messages, "flows")), [sim.accountSid]);
  const warns = logsOf(messages, "WARN");
  equal(warns.length, 1);
  match(warns[0]!, /may not list the accounts .*main account only/);
  // With account_sids the list is needed: the 403 fails the sync instead.
  const chosen = await readAll(
    { ...config, account_sids: [sim.accountSid] },
    catalogOf(["flows"]),
    {
      now: () => sim.now,
      fetch: standard,
    },
  );
  equal(recordsOf(chosen, "flows").length, 0);
  equal(errorsOf(chosen).length, 1);
});
