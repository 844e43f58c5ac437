import assert from "node:assert/strict";
import { startSimulator } from "../../simulator/mod.ts";
import { basic, get } from "./_helpers.ts";

Deno.test("handler answers 401 with Twilio's body and WWW-Authenticate for bad credentials", async () => {
  await using sim = await startSimulator();
  const expected = {
    code: 20003,
    message: "Authenticate",
    more_info: "https://www.twilio.com/docs/errors/20003",
    status: 401,
  };
  for (
    const auth of [basic(sim.accountSid, "wrong"), basic("ACnope", sim.authToken), "Bearer x", ""]
  ) {
    const reply = await get(sim, "/api/2010-04-01/Accounts.json", auth);
    assert.equal(reply.status, 401);
    assert.deepEqual(reply.body, expected);
    assert.equal(reply.headers.get("www-authenticate"), 'Basic realm="Twilio API"');
  }
});

Deno.test("handler accepts the main account token and the API key", async () => {
  await using sim = await startSimulator();
  assert.match(sim.apiKey.sid, /^SK[0-9a-f]{32}$/);
  for (
    const auth of [basic(sim.accountSid, sim.authToken), basic(sim.apiKey.sid, sim.apiKey.secret)]
  ) {
    assert.equal((await get(sim, "/api/2010-04-01/Accounts.json", auth)).status, 200);
  }
  const keys = sim.expected("keys").map((k) => k.sid);
  assert(keys.includes(sim.apiKey.sid), "the API key is listed in Keys.json");
});

Deno.test("handler serves subaccount paths and answers 404 for other accounts and unknown paths", async () => {
  await using sim = await startSimulator();
  const sub = sim.subaccountSids[0];
  assert.equal((await get(sim, `/api/2010-04-01/Accounts/${sub}/Calls.json`)).status, 200);
  const other = "AC" + "0".repeat(32);
  const reply = await get(sim, `/api/2010-04-01/Accounts/${other}/Calls.json`);
  assert.equal(reply.status, 404);
  assert.deepEqual(reply.body, {
    code: 20404,
    message: `The requested resource /2010-04-01/Accounts/${other}/Calls.json was not found`,
    more_info: "https://www.twilio.com/docs/errors/20404",
    status: 404,
  });
  for (
    const path of [
      "/api/2010-04-01/Nope.json",
      "/nope/v1/Things",
      "/",
      "/conversations/v2/Conversations",
    ]
  ) {
    const r = await get(sim, path);
    assert.equal(r.status, 404, path);
    assert.equal(r.body.code, 20404);
  }
});

Deno.test("handler answers 404 for every Chat API path: the Chat API is retired", async () => {
  await using sim = await startSimulator();
  for (const path of ["/chat/v2/Services", "/chat/v1/Services", "/chat/v2/Services/ISx/Roles"]) {
    const reply = await get(sim, path);
    assert.equal(reply.status, 404);
    assert.equal(reply.body.code, 20404);
    assert.match(String(reply.body.message), /retired/);
  }
  const services = await get(sim, "/conversations/v1/Services");
  assert.equal(services.status, 200);
});

Deno.test("handler fetches single messages and calls by SID", async () => {
  await using sim = await startSimulator();
  const message = sim.expected("messages").find((m) => m.account_sid === sim.subaccountSids[0]);
  const call = sim.expected("calls")[5];
  assert(message && call);
  assert.deepEqual((await get(sim, `/api${message.uri}`)).body, message);
  assert.deepEqual((await get(sim, `/api${call.uri}`)).body, call);
  const missing = await get(
    sim,
    `/api/2010-04-01/Accounts/${sim.accountSid}/Messages/SM${"1".repeat(32)}.json`,
  );
  assert.equal(missing.status, 404);
  const wrongAccount = String(message.uri).replace(String(message.account_sid), sim.accountSid);
  assert.equal((await get(sim, `/api${wrongAccount}`)).status, 404);
});

Deno.test("handler refuses methods other than GET with 405", async () => {
  await using sim = await startSimulator();
  const response = await fetch(`${sim.url}/api/2010-04-01/Accounts.json`, {
    method: "POST",
    headers: { Authorization: basic(sim.accountSid, sim.authToken) },
  });
  assert.equal(response.status, 405);
  assert.equal((await response.json()).code, 20004);
});

Deno.test("handler counts requests by path and status and logs them without credentials", async () => {
  await using sim = await startSimulator();
  await get(sim, "/api/2010-04-01/Accounts.json?PageSize=1");
  await get(sim, "/api/2010-04-01/Accounts.json", "Basic eDp5");
  await get(sim, "/monitor/v1/Alerts");
  assert.equal(sim.stats.requests, 3);
  assert.equal(sim.stats.byPath.get("/api/2010-04-01/Accounts.json"), 2);
  assert.equal(sim.stats.status.get(200), 2);
  assert.equal(sim.stats.status.get(401), 1);
  assert.equal(sim.stats.maxInFlight, 1);
  const log = sim.requests;
  assert.deepEqual(log[0], {
    method: "GET",
    path: "/api/2010-04-01/Accounts.json",
    query: "PageSize=1",
    status: 200,
    auth: true,
  });
  assert(!JSON.stringify(log).includes(sim.authToken) && !JSON.stringify(log).includes("eDp5"));
  sim.resetStats();
  assert.equal(sim.stats.requests, 0);
  assert.equal(sim.requests.length, 0);
});

Deno.test("handler sends Twilio-Concurrent-Requests and a request id", async () => {
  await using sim = await startSimulator();
  const reply = await get(sim, "/trunking/v1/Trunks");
  assert.equal(reply.headers.get("twilio-concurrent-requests"), "1");
  assert.match(reply.headers.get("twilio-request-id") ?? "", /^RQ[0-9a-f]{32}$/);
});
