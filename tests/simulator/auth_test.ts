import assert from "node:assert/strict";
import { type Simulator, startSimulator } from "../../simulator/mod.ts";
import {
  accountAuth,
  basic,
  get,
  type Json,
  ownedBy,
  rowsOf,
  walk2010,
  walkMeta,
} from "./_helpers.ts";

/** Product-host lists and the stream whose records they serve. */
const PRODUCT_LISTS = [
  ["/conversations/v1/Conversations", "conversations", "conversations"],
  ["/conversations/v1/Users", "users", "users"],
  ["/conversations/v1/Services", "services", "services"],
  ["/studio/v1/Flows", "flows", "flows"],
  ["/studio/v2/Flows", "flows", "flows"],
  ["/monitor/v1/Alerts", "alerts", "alerts"],
  ["/trunking/v1/Trunks", "trunks", "trunks"],
  ["/verify/v2/Services", "services", "verify_services"],
] as const;

function keyAuth(sim: Simulator): string {
  return basic(sim.apiKey.sid, sim.apiKey.secret);
}

async function status(sim: Simulator, path: string, auth: string): Promise<[number, unknown]> {
  const reply = await get(sim, path, auth);
  return [reply.status, reply.body.code];
}

Deno.test("authenticate: on product hosts the credentials choose the account", async () => {
  await using sim = await startSimulator({ seed: 4, subaccounts: 2 });
  const [main, sub1] = sim.accounts;
  assert(main && sub1);
  for (const [path, key, stream] of PRODUCT_LISTS) {
    const expected = sim.expected(stream);
    const mine = ownedBy(expected, main.sid);
    const theirs = ownedBy(expected, sub1.sid);
    assert(mine.length > 0 && theirs.length > 0, `${stream}: both accounts have records`);
    assert.deepEqual((await walkMeta(sim, path, key, accountAuth(sim, 0))).rows, mine, path);
    assert.deepEqual((await walkMeta(sim, path, key, keyAuth(sim))).rows, mine, `${path} key`);
    assert.deepEqual((await walkMeta(sim, path, key, accountAuth(sim, 1))).rows, theirs, path);
    const sids = new Set(mine.map((r) => r.sid));
    assert(theirs.every((r) => !sids.has(r.sid)), `${stream}: SIDs differ across accounts`);
  }
});

Deno.test("authenticate: another account's product records are not found with a subaccount's token", async () => {
  await using sim = await startSimulator({ seed: 4 });
  const conversation = ownedBy(sim.expected("conversations"), sim.accountSid)[0];
  const flow = ownedBy(sim.expected("flows"), sim.accountSid)[0];
  assert(conversation && flow);
  const sub = accountAuth(sim, 1);
  for (
    const path of [
      `/conversations/v1/Conversations/${conversation.sid}`,
      `/conversations/v1/Conversations/${conversation.sid}/Messages`,
      `/studio/v2/Flows/${flow.sid}/Executions`,
    ]
  ) {
    assert.deepEqual(await status(sim, path, sub), [404, 20404], path);
    assert.equal((await get(sim, path)).status, 200, `${path} with the main token`);
  }
});

Deno.test("authenticate: on the 2010 API only the main auth token reaches other accounts' paths", async () => {
  await using sim = await startSimulator({ seed: 4, subaccounts: 2 });
  const sids = sim.accounts.map((a) => a.sid);
  const path = (index: number) => `/api/2010-04-01/Accounts/${sids[index]}/Messages.json`;
  const reach = async (auth: string) => {
    const out: number[] = [];
    for (let i = 0; i < sids.length; i++) out.push((await get(sim, path(i), auth)).status);
    return out;
  };
  assert.deepEqual(await reach(accountAuth(sim, 0)), [200, 200, 200], "main token");
  assert.deepEqual(await reach(keyAuth(sim)), [200, 401, 401], "main API key");
  assert.deepEqual(await reach(accountAuth(sim, 1)), [401, 200, 401], "subaccount 1");
  assert.deepEqual(await reach(accountAuth(sim, 2)), [401, 401, 200], "subaccount 2");
  const refused = await get(sim, path(0), accountAuth(sim, 1));
  assert.equal(refused.body.code, 20003);
  assert.equal(refused.headers.get("www-authenticate"), 'Basic realm="Twilio API"');
  const own = await walk2010(sim, `/2010-04-01/Accounts/${sids[1]}/Messages.json`, "messages");
  const viaSub = await walk2010(
    sim,
    `/2010-04-01/Accounts/${sids[1]}/Messages.json`,
    "messages",
    accountAuth(sim, 1),
  );
  assert.deepEqual(viaSub.rows, own.rows, "a subaccount reads its own 2010 data");
  const wrong = basic(String(sids[1]), sim.authToken);
  assert.deepEqual(await status(sim, path(1), wrong), [401, 20003], "another account's token");
});

Deno.test("authenticate: the Accounts list by caller: tree with tokens, tree without, itself", async () => {
  await using sim = await startSimulator({ seed: 4, subaccounts: 2 });
  const list = async (auth: string) =>
    (await walk2010(sim, "/2010-04-01/Accounts.json", "accounts", auth)).rows;
  const byToken = await list(accountAuth(sim, 0));
  assert.deepEqual(
    byToken.map((a) => [a.sid, a.auth_token]),
    sim.accounts.map((a) => [a.sid, a.authToken]),
  );
  assert.deepEqual(byToken, sim.expected("accounts"));
  const byKey = await list(keyAuth(sim));
  assert.deepEqual(byKey, byToken.map((a) => ({ ...a, auth_token: "" })));
  const bySub = await list(accountAuth(sim, 1));
  assert.deepEqual(bySub, [byToken[1]]);
  const fetch = (sid: string | undefined, auth: string) =>
    status(sim, `/api/2010-04-01/Accounts/${sid}.json`, auth);
  assert.deepEqual(await fetch(sim.accounts[1]?.sid, accountAuth(sim, 1)), [200, undefined]);
  assert.deepEqual(await fetch(sim.accountSid, accountAuth(sim, 1)), [401, 20003]);
  assert.deepEqual(await fetch(sim.accounts[2]?.sid, accountAuth(sim, 1)), [401, 20003]);
  const fetched = await get(
    sim,
    `/api/2010-04-01/Accounts/${sim.accounts[2]?.sid}.json`,
    keyAuth(sim),
  );
  assert.equal(fetched.status, 200);
  assert.equal((fetched.body as Json).auth_token, "");
  assert.equal(
    rowsOf((await get(sim, "/api/2010-04-01/Accounts.json")).body, "accounts").length,
    3,
  );
});
