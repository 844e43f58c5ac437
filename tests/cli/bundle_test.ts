import { deepEqual, equal, ok } from "node:assert/strict";
import { assertRecordCounts, cli } from "./_cli.ts";
import { catalogOf, configFor, errorsOf, recordsOf, sidsOf, statusesOf } from "../_helpers.ts";
import { startSimulator } from "../../simulator/mod.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

Deno.test("the bundle built by deno bundle runs spec and a full read", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "twilio-source-bundle-" });
  try {
    const entry = `${dir}/twilio-source.js`;
    const build = await new Deno.Command(Deno.execPath(), {
      args: ["bundle", "--quiet", "--platform=deno", "-o", entry, "main.ts"],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    equal(build.code, 0, new TextDecoder().decode(build.stderr));
    // Only built-ins are left to resolve: the bundle must not depend on deno.json's imports.
    const imports = [...(await Deno.readTextFile(entry)).matchAll(/^import .* from "([^"]+)";/gm)];
    deepEqual(imports.map((m) => m[1]).filter((s) => !s?.startsWith("node:")), []);

    await t.step("spec", async () => {
      const run = await cli(["spec"], {}, { entry });
      equal(run.code, 0, run.stderr);
      deepEqual(run.messages.map((m) => m.type), ["SPEC"]);
    });

    await t.step("read of accounts and messages", async () => {
      await using sim = await startSimulator();
      const config = configFor(sim);
      const run = await cli(
        ["read", "--config", "@config", "--catalog", "@catalog"],
        { config, catalog: catalogOf(["accounts", "messages"]) },
        { entry, secrets: [sim.authToken] },
      );
      equal(run.code, 0, run.stderr);
      equal(errorsOf(run.messages).length, 0, run.stdout);
      assertRecordCounts(run.messages);
      const since = new Date(String(config.start_date));
      for (const stream of ["accounts", "messages"]) {
        const records = recordsOf(run.messages, stream);
        ok(records.length > 0, stream);
        deepEqual(sidsOf(records), sidsOf(sim.expected(stream, { since })), stream);
        deepEqual(statusesOf(run.messages, stream), ["STARTED", "RUNNING", "COMPLETE"], stream);
      }
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
