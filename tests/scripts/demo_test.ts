import { equal, ok } from "node:assert/strict";
import { parseProtocolLines } from "../_protocol.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

Deno.test("deno task demo reads every stream from the simulator into demo-output/", async () => {
  const dir = await Deno.makeTempDir({ prefix: "twilio-source-demo-" });
  try {
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--quiet", "-A", "--config", `${ROOT}deno.json`, `${ROOT}scripts/demo.ts`],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    const err = new TextDecoder().decode(stderr);
    equal(code, 0, err);
    ok(/total: [\d.]+ s/.test(err), "a summary on stderr");
    const messages = await parseProtocolLines(
      await Deno.readTextFile(`${dir}/demo-output/output.jsonl`),
    );
    const streams = new Set(messages.flatMap((m) => {
      const r = m.record as { stream?: string } | undefined;
      return m.type === "RECORD" && r?.stream ? [r.stream] : [];
    }));
    equal(streams.size, 40, "records of all 40 streams");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
