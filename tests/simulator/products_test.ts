import assert from "node:assert/strict";
import { startSimulator } from "../../simulator/mod.ts";
import { productOfStream } from "../../simulator/_products.ts";
import { accountAuth, canonical, get, ownedBy } from "./_helpers.ts";
import { crawl } from "./_crawl.ts";

const PRODUCT_STREAMS = [
  "conversations",
  "conversation_messages",
  "conversation_participants",
  "users",
  "user_conversations",
  "services",
  "roles",
  "flows",
  "executions",
  "step",
  "alerts",
  "trunks",
  "verify_services",
  "call_summaries",
  "conference_summaries",
  "conference_participant_summaries",
];

Deno.test("products: every account has its own records of every product stream, account_sid set", async () => {
  await using sim = await startSimulator({ seed: 8, subaccounts: 3 });
  for (const stream of PRODUCT_STREAMS) {
    assert(productOfStream(stream) !== undefined, stream);
    const rows = sim.expected(stream);
    for (const account of sim.accounts) {
      assert(ownedBy(rows, account.sid).length > 0, `${stream}: ${account.sid} has records`);
    }
    const owners = new Set(rows.map((r) => r.account_sid));
    assert.deepEqual([...owners].sort(), sim.accounts.map((a) => a.sid).sort(), stream);
    const ids = rows.map((r) =>
      String(
        r.sid ?? r.call_sid ?? r.participant_sid ?? r.conference_sid ??
          `${r.user_sid}/${r.conversation_sid}`,
      )
    );
    assert.equal(new Set(ids).size, rows.length, `${stream}: unique primary keys`);
  }
});

Deno.test("products: a subaccount's records depend on (seed, account) only, not on the tree's size", async () => {
  const now = Date.UTC(2026, 5, 1);
  await using small = await startSimulator({ seed: 8, now, subaccounts: 3 });
  await using large = await startSimulator({ seed: 8, now, subaccounts: 5 });
  const sid = small.subaccountSids[1];
  assert(sid && sid === large.subaccountSids[1]);
  for (const stream of PRODUCT_STREAMS) {
    assert.deepEqual(
      ownedBy(small.expected(stream), sid),
      ownedBy(large.expected(stream), sid),
      stream,
    );
  }
});

Deno.test("products: productsDisabled answers 403 (20403) for that product and account only", async () => {
  await using sim = await startSimulator({
    seed: 8,
    subaccounts: 2,
    productsDisabled: { "1": ["studio"] },
  });
  const flow = ownedBy(sim.expected("flows"), sim.accountSid)[0];
  const sub = accountAuth(sim, 1);
  for (const path of ["/studio/v1/Flows", "/studio/v2/Flows", `/studio/v2/Flows/${flow?.sid}`]) {
    const reply = await get(sim, path, sub);
    assert.equal(reply.status, 403, path);
    assert.equal(reply.body.code, 20403);
    assert.match(String(reply.body.message), new RegExp(`studio.*${sim.accounts[1]?.sid}`));
  }
  assert.equal((await get(sim, "/studio/v2/Flows")).status, 200, "main account");
  assert.equal((await get(sim, "/studio/v2/Flows", accountAuth(sim, 2))).status, 200, "sub 2");
  assert.equal((await get(sim, "/conversations/v1/Users", sub)).status, 200, "other products");
  for (const stream of ["flows", "executions", "step"]) {
    assert.deepEqual(ownedBy(sim.expected(stream), String(sim.accounts[1]?.sid)), [], stream);
    assert(ownedBy(sim.expected(stream), String(sim.accounts[2]?.sid)).length > 0, stream);
    assert.deepEqual(canonical(await crawl(sim, stream)), canonical(sim.expected(stream)));
  }
});

Deno.test("products: productsDisabled names accounts by SID and refuses unknown accounts or products", async () => {
  await using probe = await startSimulator({ seed: 8, subaccounts: 2 });
  const sid = String(probe.subaccountSids[1]);
  await using sim = await startSimulator({
    seed: 8,
    subaccounts: 2,
    productsDisabled: { [sid]: ["conversations", "monitor"] },
  });
  assert.equal((await get(sim, "/monitor/v1/Alerts", accountAuth(sim, 2))).status, 403);
  assert.equal((await get(sim, "/conversations/v1/Services", accountAuth(sim, 2))).status, 403);
  assert.equal((await get(sim, "/monitor/v1/Alerts", accountAuth(sim, 1))).status, 200);
  assert.throws(
    () => startSimulator({ subaccounts: 2, productsDisabled: { "3": ["studio"] } }),
    /Unknown account "3"/,
  );
  assert.throws(
    // @ts-expect-error: not a product host
    () => startSimulator({ productsDisabled: { "0": ["api"] } }),
    /Invalid product "api"/,
  );
});
