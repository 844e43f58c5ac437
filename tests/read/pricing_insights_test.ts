/**
 * The pricing and Voice Insights streams end to end, through `mod.ts` and the
 * CLI: full and incremental reads return exactly the simulator's records, an
 * account without Voice Insights Advanced Features skips the Insights streams
 * with one WARN each while the rest of the sync goes on, and the pricing
 * country lists stay internal.
 */
import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { check, read } from "../../mod.ts";
import { ConfigError } from "../../pipeline/errors.ts";
import { startSimulator } from "../../simulator/mod.ts";
import { REGISTRY } from "../../streams/mod.ts";
import { INSIGHTS_STREAMS } from "../../streams/insights.ts";
import { PRICING_STREAMS } from "../../streams/pricing.ts";
import type { JsonObject } from "../../protocol/messages.ts";
import {
  catalogOf,
  configFor,
  daysAgo,
  errorsOf,
  finalStates,
  identities,
  logsOf,
  readAll,
  recordsOf,
  statusesOf,
} from "../_helpers.ts";
import { cli } from "../cli/_cli.ts";

const PRICING = PRICING_STREAMS.map((s) => s.name);
const INSIGHTS = INSIGHTS_STREAMS.map((s) => s.name);
const NEW = [...PRICING, ...INSIGHTS];

function assertExact(
  messages: Parameters<typeof recordsOf>[0],
  expected: (name: string) => JsonObject[],
): void {
  for (const name of NEW) {
    const def = REGISTRY.get(name)!;
    const want = expected(name);
    ok(want.length > 0, `the simulator has ${name} records`);
    deepEqual(identities(def, recordsOf(messages, name)), identities(def, want), name);
    deepEqual(statusesOf(messages, name), ["STARTED", "RUNNING", "COMPLETE"], `${name} statuses`);
  }
}

Deno.test("read() of the pricing and Insights streams returns exactly the simulator's records, over many pages", async () => {
  await using sim = await startSimulator({ seed: 8, pageSizeCap: 2 });
  const config = configFor(sim);
  const since = new Date(String(config.start_date));
  const messages = await readAll(config, catalogOf(NEW), { now: () => sim.now });
  assertExact(messages, (name) => sim.expected(name, { since }) as JsonObject[]);
  // Prices are kept as Twilio sends them: arrays of objects with decimal strings.
  const us = recordsOf(messages, "pricing_voice_countries").find((r) => r.iso_country === "US");
  deepEqual(us, sim.expected("pricing_voice_countries").find((r) => r.iso_country === "US"));
  // Twilio keeps 30 days of Insights: the 90-day start is clamped, and that is logged.
  for (const name of ["call_summaries", "conference_summaries"]) {
    ok(logsOf(messages).some((m) => m.startsWith(`"${name}": Twilio keeps 30 days`)), name);
  }
  // Finished conferences have participant summaries (the 2010 list has live ones only).
  const finished = new Set(
    recordsOf(messages, "conference_summaries").filter((c) => c.status === "completed")
      .map((c) => c.conference_sid),
  );
  const people = recordsOf(messages, "conference_participant_summaries");
  ok(people.some((p) => finished.has(p.conference_sid)), "participants of finished conferences");
});

Deno.test("pricing is read once per sync: each list once, each country once, whatever the accounts", async () => {
  await using sim = await startSimulator({ seed: 8, subaccounts: 3 });
  await readAll(configFor(sim), catalogOf(PRICING));
  const paths = sim.requests.map((r) => r.path).filter((p) => p.startsWith("/pricing/"));
  const countries = sim.expected("pricing_messaging_countries").length;
  equal(paths.length, 3 * (1 + countries), paths.join("\n"));
  equal(new Set(paths).size, paths.length, "no resource asked twice");
  for (const request of sim.requests.filter((r) => /Countries\/[A-Z]{2}$/.test(r.path))) {
    ok(!request.query.includes("PageSize"), `${request.path}: a resource takes no paging`);
  }
  // Public data, the same for every account: asked with the config's (main) credentials only.
  deepEqual([...sim.stats.productByAccount.keys()], [sim.accountSid]);
});

Deno.test("the Insights streams are read for every account with its own credentials; an account without Insights is skipped for them", async () => {
  await using sim = await startSimulator({
    seed: 8,
    subaccounts: 2,
    productsDisabled: { "2": ["insights"] },
  });
  const config = configFor(sim);
  const since = new Date(String(config.start_date));
  const messages = await readAll(config, catalogOf(INSIGHTS), { now: () => sim.now });
  deepEqual(errorsOf(messages), []);
  const [main, first, off] = sim.accounts.map((a) => a.sid) as [string, string, string];
  for (const name of INSIGHTS) {
    const def = REGISTRY.get(name)!;
    const want = sim.expected(name, { since }) as JsonObject[];
    const got = recordsOf(messages, name);
    deepEqual(identities(def, got), identities(def, want), name);
    const owners = new Set(got.map((r) => r.account_sid));
    ok(owners.has(main) && owners.has(first) && !owners.has(off), `${name}: ${[...owners]}`);
    deepEqual(statusesOf(messages, name).at(-1), "COMPLETE", name);
  }
  const infos = logsOf(messages, "INFO").filter((m) => m.includes(`Account ${off} skipped`));
  ok(infos.length > 0 && infos.every((m) => m.includes("insights")), infos.join("\n"));
  for (const sid of [main, first, off]) ok((sim.stats.productByAccount.get(sid) ?? 0) > 0, sid);
});

Deno.test("an incremental read of the Insights streams resumes from its state and reads the new calls' summaries", async () => {
  await using sim = await startSimulator({ seed: 9 });
  const config = configFor(sim, { start_date: daysAgo(20, sim.now) });
  const since = new Date(String(config.start_date));
  const catalog = catalogOf(INSIGHTS);
  const now = () => sim.now;
  const first = await readAll(config, catalog, { now });
  for (const name of INSIGHTS) {
    const def = REGISTRY.get(name)!;
    const want = sim.expected(name, { since }) as JsonObject[];
    ok(want.length > 0, name);
    deepEqual(identities(def, recordsOf(first, name)), identities(def, want), name);
  }
  const change = sim.mutate({ advanceMs: 3_600_000, messages: 0, calls: 4, changes: 0 });
  const second = await readAll(config, catalog, { now, state: finalStates(first) });
  const added = new Set(change.added.calls);
  const want = sim.expected("call_summaries").filter((r) => added.has(String(r.call_sid)));
  ok(want.length > 0, "new calls of the main account have summaries");
  deepEqual(
    identities(REGISTRY.get("call_summaries")!, recordsOf(second, "call_summaries")),
    identities(REGISTRY.get("call_summaries")!, want as JsonObject[]),
  );
  // No conference was added: nothing is read again.
  equal(recordsOf(second, "conference_summaries").length, 0);
  equal(recordsOf(second, "conference_participant_summaries").length, 0);
  for (const name of INSIGHTS) deepEqual(statusesOf(second, name).at(-1), "COMPLETE", name);
});

Deno.test("without Voice Insights Advanced Features each Insights stream is skipped with one WARN; the sync goes on and check() succeeds", async () => {
  await using sim = await startSimulator({ seed: 8, insights: false });
  const config = configFor(sim);
  const status = await check(config);
  ok(status.type === "CONNECTION_STATUS" && status.connectionStatus.status === "SUCCEEDED");
  const messages = await readAll(config, catalogOf([...NEW, "accounts"]));
  deepEqual(errorsOf(messages), [], "no error trace");
  const warnings = logsOf(messages, "WARN");
  equal(warnings.length, INSIGHTS.length, warnings.join("\n"));
  ok(warnings.every((w) => /Skipped stream .*403.*Voice Insights Advanced Features/.test(w)));
  for (const name of INSIGHTS) {
    equal(warnings.filter((w) => w.startsWith(`Skipped stream "${name}"`)).length, 1, name);
  }
  for (const name of INSIGHTS) {
    deepEqual(statusesOf(messages, name), ["STARTED", "INCOMPLETE"], name);
    equal(recordsOf(messages, name).length, 0);
    deepEqual(sim.expected(name), [], `${name}: expected() knows the account has none`);
  }
  for (const name of [...PRICING, "accounts"]) {
    deepEqual(statusesOf(messages, name), ["STARTED", "RUNNING", "COMPLETE"], name);
    equal(recordsOf(messages, name).length, sim.expected(name).length, name);
  }
});

Deno.test("the pricing country lists are internal: not in the catalog, refused when configured", () => {
  for (const list of [...REGISTRY.values()].filter((s) => s.internal)) {
    const catalog = {
      streams: [{
        stream: { name: list.name, json_schema: {}, supported_sync_modes: ["full_refresh"] },
        sync_mode: "full_refresh",
        destination_sync_mode: "overwrite",
      }],
    };
    const config = configFor({
      accountSid: "AC" + "0".repeat(32),
      authToken: "t",
      url: "http://x",
    });
    throws(
      () => read(config, catalog),
      (e) => e instanceof ConfigError && /unknown stream/.test(e.message),
    );
  }
});

Deno.test("main.ts reads the new streams in full, and skips Insights on an account without it", async () => {
  for (const insights of [true, false]) {
    await using sim = await startSimulator({ seed: 10, insights });
    const config = configFor(sim);
    const since = new Date(String(config.start_date));
    const run = await cli(
      ["read", "--config", "@config", "--catalog", "@catalog"],
      { config, catalog: catalogOf(NEW) },
      { secrets: [sim.authToken] },
    );
    equal(run.code, 0, run.stderr);
    if (insights) {
      assertExact(run.messages, (name) => sim.expected(name, { since }) as JsonObject[]);
      continue;
    }
    equal(logsOf(run.messages, "WARN").length, INSIGHTS.length, run.stdout);
    for (const name of INSIGHTS) {
      deepEqual(statusesOf(run.messages, name), ["STARTED", "INCOMPLETE"]);
    }
    for (const name of PRICING) {
      equal(recordsOf(run.messages, name).length, sim.expected(name).length);
    }
  }
});
