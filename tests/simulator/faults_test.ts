import assert from "node:assert/strict";
import { type FaultOptions, type Simulator, startSimulator } from "../../simulator/mod.ts";
import { accountAuth, basic, get, type Json, ok } from "./_helpers.ts";

const FLAKY: FaultOptions = { rate429: 0.2, rate5xx: 0.15, rateTruncated: 0.15, retryAfter: 0 };

async function statuses(sim: Simulator, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const response = await fetch(`${sim.url}/conversations/v1/Users?PageSize=2`, {
      headers: { Authorization: basic(sim.accountSid, sim.authToken) },
    });
    const text = await response.text();
    let parsed = true;
    try {
      JSON.parse(text);
    } catch {
      parsed = false;
    }
    out.push(`${response.status}${parsed ? "" : "-cut"}`);
  }
  return out;
}

Deno.test("faults are deterministic for a seed and differ across seeds", async () => {
  await using a = await startSimulator({ seed: 11, faults: FLAKY });
  await using b = await startSimulator({ seed: 11, faults: FLAKY });
  await using c = await startSimulator({ seed: 12, faults: FLAKY });
  const [sa, sb, sc] = [await statuses(a, 60), await statuses(b, 60), await statuses(c, 60)];
  assert.deepEqual(sa, sb);
  assert.notDeepEqual(sa, sc);
  for (const kind of ["200", "429", "200-cut"]) assert(sa.includes(kind), `saw ${kind}`);
  assert(sa.includes("500") || sa.includes("503"));
});

Deno.test("faults never change data: a retried request gets the same page", async () => {
  await using clean = await startSimulator({ seed: 3 });
  await using flaky = await startSimulator({ seed: 3, faults: FLAKY });
  const path = `/api/2010-04-01/Accounts/${clean.accountSid}/Messages.json?PageSize=5`;
  const want = await ok(clean, path);
  let failures = 0;
  for (let successes = 0; successes < 5;) {
    const response = await fetch(`${flaky.url}${path}`, {
      headers: { Authorization: basic(flaky.accountSid, flaky.authToken) },
    });
    const text = await response.text();
    try {
      assert.equal(response.status, 200);
      assert.deepEqual(JSON.parse(text), want);
      successes++;
    } catch {
      failures++;
    }
  }
  assert(failures > 0, "some attempts failed and were retried");
});

Deno.test("faults: 429 carries code 20429 and Retry-After in seconds or as an HTTP date", async () => {
  await using sim = await startSimulator({ faults: { rate429: 1, retryAfter: 3 } });
  const reply = await get(sim, "/trunking/v1/Trunks");
  assert.equal(reply.status, 429);
  assert.equal(reply.body.code, 20429);
  assert.equal(reply.body.message, "Too Many Requests");
  assert.equal(reply.headers.get("retry-after"), "3");
  sim.setFaults({ rate429: 1, retryAfter: 2, retryAfterHttpDate: true });
  const dated = await get(sim, "/trunking/v1/Trunks");
  const when = Date.parse(dated.headers.get("retry-after") ?? "");
  assert(when > Date.now() && when < Date.now() + 5_000);
  sim.setFaults({});
  assert.equal((await get(sim, "/trunking/v1/Trunks")).status, 200);
});

Deno.test("faults: more than maxInFlight concurrent requests answer 429; latency delays replies", async () => {
  await using sim = await startSimulator({
    faults: { maxInFlight: 2, latencyMs: 150, retryAfter: 0 },
  });
  const started = Date.now();
  const replies = await Promise.all(
    Array.from({ length: 5 }, () => get(sim, "/verify/v2/Services")),
  );
  assert(Date.now() - started >= 140, "latency applied");
  const codes = replies.map((r) => r.status).sort();
  assert.deepEqual(codes, [200, 200, 429, 429, 429]);
  assert.equal(sim.stats.maxInFlight, 5);
  assert.equal(replies.find((r) => r.status === 429)?.body.code, 20429);
});

Deno.test("faults: foreignNextPage points next links at the foreign server, which records auth", async () => {
  await using sim = await startSimulator({ pageSizeCap: 2, faults: { foreignNextPage: true } });
  const page = await ok(sim, `/api/2010-04-01/Accounts/${sim.accountSid}/Calls.json`);
  const next = String(page.next_page_uri);
  assert(
    next.startsWith(`${sim.foreign.url}/api/2010-04-01/Accounts/${sim.accountSid}/Calls.json?`),
  );
  assert(
    String(page.first_page_uri).startsWith("/2010-04-01/"),
    "other links stay on the simulator",
  );
  const meta = (await ok(sim, "/conversations/v1/Users")).meta as Json;
  assert(String(meta.next_page_url).startsWith(`${sim.foreign.url}/conversations/v1/Users?`));
  assert(String(meta.url).startsWith(sim.url));
  assert.equal(sim.foreign.requests, 0);
  const leaked = await get(sim, next, "Basic c2VjcmV0");
  assert.equal(leaked.status, 404);
  await fetch(next).then((r) => r.body?.cancel());
  assert.equal(sim.foreign.requests, 2);
  assert.deepEqual(sim.foreign.authorizations, ["Basic c2VjcmV0"]);
});

Deno.test("faults: maxInFlightPerAccount answers 429 for the crowded account only", async () => {
  await using sim = await startSimulator({
    faults: { maxInFlightPerAccount: 2, latencyMs: 1000, retryAfter: 0 },
  });
  const sub = accountAuth(sim, 1);
  const subPath = `/api/2010-04-01/Accounts/${sim.accounts[1]?.sid}/Messages.json`;
  const replies = await Promise.all([
    ...Array.from({ length: 4 }, () => get(sim, "/verify/v2/Services", sub)),
    ...Array.from({ length: 2 }, () => get(sim, "/verify/v2/Services")),
  ]);
  assert.deepEqual(replies.slice(0, 4).map((r) => r.status).sort(), [200, 200, 429, 429]);
  assert.deepEqual(replies.slice(4).map((r) => r.status), [200, 200], "main is not limited");
  assert.equal(replies.find((r) => r.status === 429)?.body.code, 20429);
  assert.equal(sim.stats.maxInFlightByAccount.get(String(sim.accounts[1]?.sid)), 4);
  assert.equal(sim.stats.maxInFlightByAccount.get(sim.accountSid), 2);
  // On the 2010 API the path's account counts, whoever authenticates.
  sim.resetStats();
  const paths = await Promise.all([
    ...Array.from({ length: 3 }, () => get(sim, subPath)),
    get(sim, `/api/2010-04-01/Accounts/${sim.accountSid}/Messages.json`),
  ]);
  assert.deepEqual(paths.slice(0, 3).map((r) => r.status).sort(), [200, 200, 429]);
  assert.equal(paths[3]?.status, 200);
  assert.equal(sim.stats.byAccount.get(String(sim.accounts[1]?.sid)), 3);
  assert.equal(sim.stats.byAccount.get(sim.accountSid), 1);
});

Deno.test("faults: latencyMsByAccount slows one account and leaves the others alone", async () => {
  await using sim = await startSimulator({
    subaccounts: 2,
    faults: { latencyMsByAccount: { "1": 300, "2": 0 } },
  });
  const done: string[] = [];
  const timed = (name: string, auth?: string) =>
    get(sim, "/trunking/v1/Trunks", auth).then((r) => {
      done.push(name);
      return r.status;
    });
  const statuses = await Promise.all([timed("slow", accountAuth(sim, 1)), timed("main")]);
  assert.deepEqual(statuses, [200, 200]);
  assert.deepEqual(done, ["main", "slow"]);
  assert.throws(() => sim.setFaults({ latencyMsByAccount: { "9": 10 } }), /Unknown account "9"/);
});
