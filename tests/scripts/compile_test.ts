import { deepEqual, ok } from "node:assert/strict";
import { compileArgs, PERMISSIONS, TARGETS } from "../../scripts/compile.ts";

Deno.test("compileArgs() embeds exactly the permissions the connector needs, per target", () => {
  deepEqual([...PERMISSIONS], ["--allow-net", "--allow-read", "--allow-env"]);
  deepEqual(TARGETS.filter((t) => t.includes("linux")).length, 2);
  deepEqual(TARGETS.filter((t) => t.includes("apple")).length, 2);
  for (const target of TARGETS) {
    const args = compileArgs(target);
    ok(args[0] === "compile" && args.at(-1) === "main.ts");
    ok(PERMISSIONS.every((p) => args.includes(p)));
    ok(!args.some((a) => a === "--allow-all" || a === "-A" || a.startsWith("--allow-run")));
    deepEqual(args.slice(args.indexOf("--target"), args.indexOf("--target") + 2), [
      "--target",
      target,
    ]);
  }
});
