import assert from "node:assert/strict";
import { spawnSimulator } from "../../bench/_sim_process.ts";
import { basic, type Json, rowsOf } from "./_helpers.ts";

const canRun = (await Deno.permissions.query({ name: "run" })).state === "granted";

Deno.test({
  name: "main.ts prints one JSON line with url, account_sid and auth_token, then serves",
  ignore: !canRun,
  async fn() {
    const main = new URL("../../simulator/main.ts", import.meta.url).pathname;
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", main, "--seed", "4", "--messages", "10", "--latency", "0"],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    try {
      const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
      let text = "";
      while (!text.includes("\n")) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
      reader.releaseLock();
      const line = JSON.parse(text.split("\n")[0] ?? "") as Record<string, string>;
      assert.deepEqual(Object.keys(line), ["url", "account_sid", "auth_token"]);
      const response = await fetch(
        `${line.url}/api/2010-04-01/Accounts/${line.account_sid}/Messages.json`,
        {
          headers: { Authorization: `Basic ${btoa(`${line.account_sid}:${line.auth_token}`)}` },
        },
      );
      assert.equal(((await response.json()).messages as unknown[]).length, 10);
    } finally {
      child.kill("SIGTERM");
      await child.stdout.cancel().catch(() => {});
      await child.status;
    }
  },
});

Deno.test({
  name: "main.ts takes per-account options and prints its counters when it stops",
  ignore: !canRun,
  async fn() {
    const sim = await spawnSimulator({
      seed: 4,
      subaccounts: 3,
      conversations: 1,
      "incoming-phone-numbers": 2,
      "products-disabled": "1=studio+verify,2=monitor",
      "latency-by-account": "3=1",
      "max-in-flight-per-account": 5,
    });
    try {
      const main = basic(sim.accountSid, sim.authToken);
      const get = async (path: string, auth: string) => {
        const response = await fetch(`${sim.url}${path}`, { headers: { Authorization: auth } });
        return { status: response.status, body: await response.json() as Json };
      };
      const accounts = rowsOf((await get("/api/2010-04-01/Accounts.json", main)).body, "accounts");
      assert.equal(accounts.length, 4);
      const auth = (i: number) => basic(String(accounts[i]?.sid), String(accounts[i]?.auth_token));
      const numbers = await get(
        `/api/2010-04-01/Accounts/${accounts[1]?.sid}/IncomingPhoneNumbers.json`,
        auth(1),
      );
      assert.equal(rowsOf(numbers.body, "incoming_phone_numbers").length, 2);
      assert.equal((await get("/studio/v2/Flows", auth(1))).status, 403);
      assert.equal((await get("/verify/v2/Services", auth(1))).status, 403);
      assert.equal((await get("/monitor/v1/Alerts", auth(2))).status, 403);
      assert.equal((await get("/studio/v2/Flows", auth(2))).status, 200);
      const conversations = await get("/conversations/v1/Conversations", auth(3));
      assert.equal(rowsOf(conversations.body, "conversations").length, 1);
    } finally {
      const totals = await sim.close();
      assert.deepEqual(totals, {
        requests: 7,
        max_in_flight: 1,
        status: { "200": 4, "403": 3 },
        accounts: 4,
        product_accounts: 3,
      });
    }
  },
});
