import assert from "node:assert/strict";
import { startSimulator } from "../../simulator/mod.ts";
import { accountAgeDays, accountKeys, resolveAccount } from "../../simulator/_accounts.ts";
import { accountAuth, get, ok, rowsOf } from "./_helpers.ts";

const DAY = 86_400_000;

/** Small per-account counts, as the 1,000-subaccount bench uses. */
const SMALL = {
  messages: 2,
  calls: 2,
  alerts: 2,
  conversations: 2,
  users: 1,
  services: 1,
  flows: 1,
  trunks: 1,
  verify_services: 1,
};

Deno.test("accountAgeDays() keeps the ages of small trees and stays in (10, 90) days for large ones", () => {
  assert.deepEqual([0, 1, 2].map((i) => accountAgeDays(i, 2)), [90, 75, 10]);
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => accountAgeDays(i, 4)), [90, 75, 70, 65, 10]);
  const ages = Array.from({ length: 1001 }, (_, i) => accountAgeDays(i, 1000));
  assert.equal(ages[1000], 10);
  assert(ages.slice(1, 1000).every((d) => d > 10 && d < 90), "after main, before the last");
});

Deno.test("resolveAccount() takes an index as a string or a SID and refuses anything else", () => {
  const keys = accountKeys(3, Date.UTC(2026, 0, 1), 2);
  assert.equal(resolveAccount(keys, "0"), 0);
  assert.equal(resolveAccount(keys, "2"), 2);
  assert.equal(resolveAccount(keys, String(keys[1]?.sid)), 1);
  for (const bad of ["3", "-1", "AC" + "0".repeat(32), "main"]) {
    assert.throws(() => resolveAccount(keys, bad), /Unknown account/, bad);
  }
});

Deno.test("a world of 1,000 subaccounts generates an account's data only when it is first read", async () => {
  await using sim = await startSimulator({ seed: 9, subaccounts: 1000, counts: SMALL });
  assert.equal(sim.subaccountSids.length, 1000);
  assert.equal(new Set(sim.accounts.map((a) => a.sid)).size, 1001);
  assert.deepEqual(sim.generated, { accounts: 0, products: 0 }, "nothing generated at start");
  const page = await ok(sim, "/api/2010-04-01/Accounts.json?PageSize=1000");
  assert.equal(rowsOf(page, "accounts").length, 1000);
  assert.deepEqual(sim.generated, { accounts: 0, products: 0 }, "the Accounts list is keys only");
  const created = rowsOf(page, "accounts").map((a) => Date.parse(String(a.date_created)));
  assert(created.every((t) => t >= sim.now - 91 * DAY && t <= sim.now - 10 * DAY + 1000));
  const sub = sim.accounts[500];
  assert(sub);
  const flows = await ok(sim, "/studio/v2/Flows", accountAuth(sim, 500));
  assert.deepEqual(rowsOf(flows, "flows").map((f) => f.account_sid), [sub.sid]);
  assert.deepEqual(sim.generated, { accounts: 0, products: 1 });
  await ok(sim, `/api/2010-04-01/Accounts/${sim.accounts[700]?.sid}/Calls.json`);
  assert.deepEqual(sim.generated, { accounts: 1, products: 1 });
  assert.equal(sim.stats.byAccount.get(sub.sid), 1);
  assert.equal(sim.stats.byAccount.get(String(sim.accounts[700]?.sid)), 1);
  assert.equal(sim.stats.byAccount.get(sim.accountSid), 1, "the Accounts list counts for main");
  assert.deepEqual([...sim.stats.productByAccount], [[sub.sid, 1]]);
});

Deno.test("a world of 1,000 subaccounts: expected() holds every account's records", async () => {
  await using sim = await startSimulator({ seed: 9, subaccounts: 1000, counts: SMALL });
  const conversations = sim.expected("conversations");
  assert.equal(conversations.length, 1001 * SMALL.conversations);
  assert.deepEqual(sim.generated, { accounts: 0, products: 1001 });
  const owners = new Set(conversations.map((c) => c.account_sid));
  assert.equal(owners.size, 1001);
  assert.equal(sim.expected("calls").length, 1001 * SMALL.calls);
  assert.deepEqual(sim.generated, { accounts: 1001, products: 1001 });
  const since = new Date(sim.now - 2 * DAY);
  const recent = sim.expected("executions", { since });
  assert(recent.every((e) => Date.parse(String(e.date_created)) >= since.getTime()));
  const last = sim.accounts[1000];
  assert(last);
  const reply = await get(sim, "/conversations/v1/Conversations", accountAuth(sim, 1000));
  assert.deepEqual(
    rowsOf(reply.body, "conversations"),
    conversations.filter((c) => c.account_sid === last.sid),
  );
});

Deno.test("accountStatuses: the Accounts list shows them; a suspended or closed account's own credentials get 403", async () => {
  await using sim = await startSimulator({
    seed: 9,
    subaccounts: 3,
    // A SID names an account as well as its index does (SIDs depend on the seed only).
    accountStatuses: { "1": "suspended", [String(accountKeys(9, 0, 3)[3]?.sid)]: "closed" },
  });
  const rows = rowsOf(await ok(sim, "/api/2010-04-01/Accounts.json"), "accounts");
  assert.deepEqual(rows.map((a) => a.status), ["active", "suspended", "active", "closed"]);
  assert.deepEqual(sim.expected("accounts").map((a) => a.status), rows.map((a) => a.status));
  for (const index of [1, 3]) {
    const own = `/api/2010-04-01/Accounts/${sim.accounts[index]?.sid}/Calls.json`;
    for (const path of [own, "/conversations/v1/Conversations"]) {
      const reply = await get(sim, path, accountAuth(sim, index));
      assert.equal(reply.status, 403, path);
      assert.equal(reply.body.code, 20403);
    }
    assert.equal((await get(sim, own)).status, 200, "the main token still reads it");
  }
  assert.equal((await get(sim, "/conversations/v1/Users", accountAuth(sim, 2))).status, 200);
  assert.throws(
    () => startSimulator({ accountStatuses: { "0": "closed" } }),
    /Invalid status "closed" for account "0"/,
  );
});
