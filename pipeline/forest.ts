/**
 * The parent/child forest of one read: every selected stream and the parents
 * it is read under, as {@linkcode StreamNode}s wired to each other.
 *
 * @module
 */
import { mainPartition } from "./account_state.ts";
import { isPerAccount } from "./accounts.ts";
import { ConfigError } from "./errors.ts";
import { StreamNode } from "./stream_node.ts";
import type { ReadContext } from "./read_context.ts";
import type { Selection } from "../protocol/catalog.ts";
import type { InputState } from "../protocol/state.ts";
import type { StreamDefinition } from "../streams/_define.ts";

/** Builds the nodes of `selections` and of the parents they need, parents first. */
export function buildForest(
  ctx: ReadContext,
  selections: readonly Selection[],
  registry: ReadonlyMap<string, StreamDefinition>,
  state: InputState,
): Map<string, StreamNode> {
  const selected = new Map(selections.map((s) => [s.name, s.mode]));
  const needed: string[] = [];
  const need = (name: string) => {
    if (needed.includes(name)) return;
    const def = registry.get(name);
    if (!def) throw new ConfigError(`Unknown stream "${name}"`);
    if (def.parent) need(def.parent.stream);
    needed.push(name);
  };
  for (const { name } of selections) need(name);
  const nodes = new Map<string, StreamNode>();
  for (const name of needed) {
    const def = registry.get(name)!;
    const parent = def.parent ? nodes.get(def.parent.stream) : undefined;
    const nested = !!(parent?.def.incremental?.filter && def.incremental);
    const mode = selected.get(name) ?? "full_refresh";
    let saved = state.get(name);
    // A product stream's partitions (and those of streams read in its windows) are accounts now.
    const perAccount = isPerAccount(def) || (nested && parent && isPerAccount(root(parent).def));
    if (saved && perAccount && def.incremental) {
      saved = mainPartition(saved, def.incremental.cursorField, ctx.accounts.main);
    }
    const node = new StreamNode(ctx, def, {
      selected: selected.has(name),
      mode,
      ...(saved ? { state: saved } : {}),
      ...(parent ? { parent } : {}),
      nested,
    });
    if (parent) (nested ? parent.nestedChildren : parent.children).push(node);
    nodes.set(name, node);
  }
  return nodes;
}

/** The node at the top of the chain of nested streams `node` is in. */
function root(node: StreamNode): StreamNode {
  return node.nested && node.parent ? root(node.parent) : node;
}
