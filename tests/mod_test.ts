/**
 * The public surface: every symbol `mod.ts` exports carries a JSDoc `@example`
 * (the examples themselves run under `deno test --doc`, see the `test` task).
 *
 * @module
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import * as mod from "../mod.ts";

const MOD_URL = new URL("../mod.ts", import.meta.url);
/** A fenced block that `deno test --doc` runs. */
const RUNNABLE_FENCE = /```(?:ts|tsx|js|jsx|typescript|javascript)\s*\n/;

interface DocTag {
  kind: string;
  doc?: string;
}
interface DocSymbol {
  name: string;
  declarations: { jsDoc?: { tags?: DocTag[] } }[];
}
interface DocNode {
  module_doc?: { tags?: DocTag[] };
  symbols?: DocSymbol[];
}

/** `deno doc --json mod.ts`, run with the Deno that runs the tests. */
async function modDoc(): Promise<DocNode> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--json", fileURLToPath(MOD_URL)],
    cwd: fileURLToPath(new URL("..", MOD_URL)),
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  assert.equal(code, 0, `deno doc --json failed: ${decoder.decode(stderr)}`);
  const json = JSON.parse(decoder.decode(stdout)) as { nodes?: Record<string, DocNode> };
  const node = json.nodes?.[MOD_URL.href];
  assert.ok(node, `deno doc --json has no node for ${MOD_URL.href}`);
  return node;
}

function hasRunnableExample(tags: readonly DocTag[] | undefined): boolean {
  return (tags ?? []).some((tag) => tag.kind === "example" && RUNNABLE_FENCE.test(tag.doc ?? ""));
}

Deno.test("mod.ts gives every export a JSDoc @example with a runnable code block", async () => {
  const { symbols = [] } = await modDoc();
  const missing = symbols
    .filter((symbol) => !symbol.declarations.some((d) => hasRunnableExample(d.jsDoc?.tags)))
    .map((symbol) => symbol.name);
  assert.deepEqual(missing, []);
});

Deno.test("mod.ts has a module doc with an @example", async () => {
  const { module_doc } = await modDoc();
  assert.ok(hasRunnableExample(module_doc?.tags));
});

Deno.test("deno doc --json mod.ts lists every runtime export of mod.ts and the types", async () => {
  const { symbols = [] } = await modDoc();
  const documented = new Set(symbols.map((symbol) => symbol.name));
  const runtime = Object.keys(mod);
  assert.deepEqual(runtime.filter((name) => !documented.has(name)), []);
  assert.ok(documented.size > runtime.length, "type-only exports are listed too");
});
