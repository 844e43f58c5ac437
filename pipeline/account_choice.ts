/**
 * Which accounts of the tree a sync reads: the allow-list (`account_sids`),
 * `include_subaccounts` and the shard (`account_shard`), applied to the
 * Accounts list in this order. A SID the tree does not hold is a config error.
 *
 * @module
 */
import { ConfigError } from "./errors.ts";
import type { Config } from "../protocol/config.ts";
import { sameSid } from "../protocol/config.ts";

/** An account as the Accounts list gives it. */
export interface AccountEntry {
  sid: string;
  /** `active`, `suspended` or `closed`. */
  status: string;
}

/** What a config says about accounts. */
export type AccountChoice = Pick<
  Config,
  "account_sid" | "account_sids" | "include_subaccounts" | "account_shard"
>;

const UTF8 = new TextEncoder();

/**
 * FNV-1a, 32 bits, of the UTF-8 bytes of `text`: offset basis 2166136261,
 * prime 16777619. The shard hash: stable across versions, platforms and runs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fnv1a32 } from "./account_choice.ts";
 * assert.equal(fnv1a32(""), 0x811c9dc5);
 * assert.equal(fnv1a32("a"), 0xe40c292c);
 * ```
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of UTF8.encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** The shard (0 to `count` - 1) an account SID belongs to. */
export function shardOf(sid: string, count: number): number {
  return fnv1a32(sid) % count;
}

/**
 * The accounts of `tree` the config chooses, in list order. Throws a
 * {@linkcode ConfigError} naming an allow-listed SID that is neither the
 * main account nor one of its subaccounts.
 */
export function chooseAccounts(
  tree: readonly AccountEntry[],
  choice: AccountChoice,
): AccountEntry[] {
  const main = choice.account_sid;
  const missing = (choice.account_sids ?? []).filter((sid) =>
    !tree.some((a) => sameSid(a.sid, sid))
  );
  if (missing.length > 0) {
    throw new ConfigError(
      `Invalid config: account_sids: ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} ` +
        `not the account ${main} or one of its subaccounts (the Accounts list has ${tree.length})`,
    );
  }
  const shard = choice.account_shard;
  return tree.filter((account) => {
    const isMain = sameSid(account.sid, main);
    if (!isMain && !choice.include_subaccounts) return false;
    if (choice.account_sids && !choice.account_sids.some((sid) => sameSid(sid, account.sid))) {
      return false;
    }
    return !shard || shardOf(account.sid, shard.count) === shard.index;
  });
}

/** "shard 1 of 4: 251 of 1,001 accounts", for `check` and the logs. */
export function describeChoice(chosen: number, total: number, choice: AccountChoice): string {
  const shard = choice.account_shard;
  const where = shard ? `shard ${shard.index} of ${shard.count}: ` : "";
  return `${where}${chosen} of ${total} ${total === 1 ? "account" : "accounts"}`;
}
