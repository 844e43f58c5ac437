/**
 * The partitions a parent's page hands to its independent children: one per
 * parent record the child reads under (path parameters, state key, the
 * account whose credentials read it), pushed into the child's bounded queue.
 *
 * @module
 */
import { accountOf } from "./account_partitions.ts";
import { isAccountList } from "./accounts.ts";
import type { PartitionInput, StreamNode } from "./stream_node.ts";
import type { JsonObject } from "../protocol/messages.ts";

/** Pushes a partition per record of `page` to each of `node`'s independent children. */
export async function feedChildren(
  node: StreamNode,
  page: readonly JsonObject[],
  from: PartitionInput,
  signal: AbortSignal,
): Promise<void> {
  const { accounts, progress } = node.ctx;
  const list = isAccountList(node.def);
  for (const child of node.children) {
    for (const record of page) {
      if (list && !accounts.readsApi(String(record.sid))) continue;
      if (child.def.skipParent?.(record)) continue;
      const link = child.def.parent!;
      const params = link.params(record);
      if (!params) continue;
      const key = link.partition?.(record) ?? params;
      const account = accountOf(params, from);
      // The account list's children are counted when the accounts are chosen.
      if (!list) progress.enter(account?.sid);
      await child.queue!.push({ params, key, parent: record, account }, signal);
    }
  }
}
