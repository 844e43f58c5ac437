import assert from "node:assert/strict";

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
