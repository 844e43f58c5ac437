import { deepEqual, equal, ok } from "node:assert/strict";
import {
  compileArgs,
  PERMISSIONS,
  runArgs,
  TARGETS,
  V8_FLAGS,
  V8_FLAGS_ARG,
} from "../../scripts/compile.ts";

Deno.test("compileArgs() embeds exactly the permissions the connector needs, per target", () => {
  deepEqual([...PERMISSIONS], ["--allow-net", "--allow-read", "--allow-env", "--allow-write"]);
  deepEqual(TARGETS.filter((t) => t.includes("linux")).length, 2);
  deepEqual(TARGETS.filter((t) => t.includes("apple")).length, 2);
  for (const target of TARGETS) {
    const args = compileArgs(target);
    ok(args[0] === "compile" && args.at(-1) === "main.ts");
    ok(PERMISSIONS.every((p) => args.includes(p)));
    ok(args.includes(V8_FLAGS_ARG), "the heap settings are embedded");
    ok(!args.some((a) => a === "--allow-all" || a === "-A" || a.startsWith("--allow-run")));
    deepEqual(args.slice(args.indexOf("--target"), args.indexOf("--target") + 2), [
      "--target",
      target,
    ]);
  }
});

Deno.test("the binary, the image and `deno task start` run with the same permissions and heap settings", async () => {
  equal(V8_FLAGS_ARG, `--v8-flags=${V8_FLAGS.join(",")}`);
  ok(V8_FLAGS.some((f) => /^--max-old-space-size=\d+$/.test(f)), "the old generation is bounded");
  const root = new URL("../../", import.meta.url);
  const containerfile = await Deno.readTextFile(new URL("Containerfile", root));
  const at = containerfile.indexOf("RUN deno compile");
  ok(at >= 0, "the Containerfile compiles the binary");
  const compile = containerfile.slice(at, containerfile.indexOf("--output", at));
  ok(compile.includes(V8_FLAGS_ARG), "the Containerfile compiles with V8_FLAGS");
  ok(PERMISSIONS.every((p) => compile.includes(p)));
  const tasks = JSON.parse(await Deno.readTextFile(new URL("deno.json", root))).tasks;
  const start = String(tasks.start).split(/\s+/);
  deepEqual(start, ["deno", "run", ...PERMISSIONS, V8_FLAGS_ARG, "main.ts"]);
  // The CLI tests and the memory benchmark run main.ts the same way.
  deepEqual(runArgs("main.ts"), ["run", "--quiet", ...PERMISSIONS, V8_FLAGS_ARG, "main.ts"]);
  deepEqual(runArgs("main.ts", []), ["run", "--quiet", ...PERMISSIONS, "main.ts"]);
});
