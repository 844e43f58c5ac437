/**
 * The partitions of a root stream. On a product host: one per account its
 * credentials reach (`AccountSet.productAccounts`), each read with that
 * account's own credentials and keyed `{ account_sid }`. An account that
 * does not have the product (403 or 404 for the whole list, or a 401 for a
 * subaccount's own token) is skipped for it with one log line per account
 * and product; the stream goes on with the others. When no account could be
 * read, the stream is unavailable (one WARN, status INCOMPLETE), as a product
 * the only account lacks always was.
 *
 * @module
 */
import { forEachBounded } from "./_bounded.ts";
import type { Semaphore } from "./_async.ts";
import { HttpError } from "./errors.ts";
import { isAccountList, isPerAccount } from "./accounts.ts";
import { Unavailable } from "./run_forest.ts";
import type { PartitionInput, StreamNode } from "./stream_node.ts";
import type { JsonObject } from "../protocol/messages.ts";

/**
 * Reads the partitions of a root stream: one per account for a product
 * stream; the Accounts list read at the start for `accounts`; one partition
 * of no account for global data (pricing).
 */
export async function forEachRootPartition(
  node: StreamNode,
  slots: Semaphore,
  signal: AbortSignal,
  read: (partition: PartitionInput) => Promise<void>,
): Promise<void> {
  const { accounts } = node.ctx;
  if (isPerAccount(node.def)) return await forEachAccount(node, slots, signal, read);
  if (!isAccountList(node.def)) return await read({ params: {}, key: {} });
  const account = { sid: accounts.main };
  await read({ params: {}, key: {}, account, records: accounts.takeRecords() });
}

/** A child partition's account: the one in its path, else its parent's (and its credentials). */
export function accountOf(
  params: Record<string, string>,
  parent: PartitionInput,
): PartitionInput["account"] {
  const sid = params.AccountSid;
  return sid === undefined ? parent.account : { sid };
}

/** Product-API records carry their account: `account_sid` is filled in where Twilio left it out. */
export function withAccount(page: JsonObject[], sid: string): void {
  for (const record of page) record.account_sid ??= sid;
}

/** Reads `read(partition)` for every account the node's stream is read for. */
async function forEachAccount(
  node: StreamNode,
  slots: Semaphore,
  signal: AbortSignal,
  read: (partition: PartitionInput) => Promise<void>,
): Promise<void> {
  const { accounts } = node.ctx;
  const { name, product } = node.def;
  let done = 0;
  let skipped: HttpError | undefined;
  await forEachBounded(accounts.productAccounts(), slots, signal, async (sid) => {
    const authenticateAs = accounts.authenticateAs(sid);
    const partition: PartitionInput = {
      params: {},
      key: { account_sid: sid },
      account: { sid, authenticateAs },
    };
    try {
      await read(partition);
      done++;
    } catch (error) {
      if (!lacksProduct(error, authenticateAs !== undefined)) throw error;
      skipped = error;
      if (!accounts.skip(product, sid)) return;
      const why = accounts.statusOf(sid) === "suspended"
        ? "the account is suspended"
        : error.status === 401
        ? "its auth token was refused"
        : `is ${product} enabled for it?`;
      node.log.log(
        "INFO",
        `Account ${sid} skipped for the ${product} streams: Twilio answered ${error.status} ` +
          `for "${name}" (${why})`,
      );
    } finally {
      node.ctx.progress.leave(sid);
    }
  });
  if (done === 0 && skipped) {
    throw new Unavailable(
      name,
      `Twilio answered ${skipped.status} for every account it was read for (is ${product} ` +
        `enabled?): ${skipped.message}`,
    );
  }
}

/** A failure that means "this account does not have the product", not a broken sync. */
function lacksProduct(error: unknown, ownCredentials: boolean): error is HttpError {
  if (!(error instanceof HttpError)) return false;
  return error.status === 403 || error.status === 404 || (ownCredentials && error.status === 401);
}

/**
 * A saved fallback cursor of a product stream (a flat state, or one without
 * partitions) was the main account's alone: a subaccount's partition of the
 * stream and of those read inside its windows starts without it.
 */
export function forgetMainFallback(node: StreamNode, partition: PartitionInput): void {
  const sid = partition.account?.sid;
  if (sid === undefined || sid === node.ctx.accounts.main || node.def.product === "api") return;
  for (const n of [node, ...node.nestedDescendants()]) n.tracker?.noFallback(partition.key);
}
