/**
 * The first step of a read, before any stream runs: the Accounts list is read
 * (when the sync needs it), the accounts are chosen from it (a SID that is
 * not in it is a config error, before any record), the product streams'
 * coverage is said once, and the account progress starts.
 *
 * @module
 */
import { AccountSet, isAccountList, isPerAccount, listAccounts } from "./accounts.ts";
import { AccountLimiter } from "./account_limiter.ts";
import { HttpError } from "./errors.ts";
import type { ReadContext } from "./read_context.ts";
import type { Secrets } from "./secrets.ts";
import type { StreamNode } from "./stream_node.ts";
import type { Config } from "../protocol/config.ts";
import type { StreamDefinition } from "../streams/_define.ts";

/** Options of {@linkcode prepareAccounts}. */
export interface PrepareAccountsOptions {
  ctx: ReadContext;
  config: Config;
  nodes: ReadonlyMap<string, StreamNode>;
  registry: ReadonlyMap<string, StreamDefinition>;
  secrets: Secrets;
  signal: AbortSignal;
}

/** Sets `ctx.accounts` and starts `ctx.progress`. */
export async function prepareAccounts(options: PrepareAccountsOptions): Promise<void> {
  const { ctx, config, nodes, registry, secrets, signal } = options;
  const all = [...nodes.values()];
  const list = [...registry.values()].find(isAccountList);
  const listed = all.some((n) => isAccountList(n.def));
  const perAccount = all.filter((n) => isPerAccount(n.def));
  const choosing = config.account_sids !== undefined || config.account_shard !== undefined;
  const needed = listed || (perAccount.length > 0 && (config.include_subaccounts || choosing));
  if (list && needed) {
    try {
      const records = await listAccounts({
        client: ctx.client,
        router: ctx.router,
        def: list,
        signal,
      });
      ctx.accounts = AccountSet.fromList(config, records, secrets);
    } catch (error) {
      // A Standard API key may not list accounts; it reaches the main account's product data.
      if (!(error instanceof HttpError && error.status === 403) || !config.api_key) throw error;
      if (listed || choosing) throw error;
      ctx.output.log(
        "WARN",
        `The API key may not list the accounts (Twilio answered 403): product streams are ` +
          "read for the main account only",
      );
    }
  }
  const { accounts } = ctx;
  // Kept for the `accounts` stream only: a sync without it lets the records go now.
  if (!listed) accounts.takeRecords();
  if (ctx.client.limiter instanceof AccountLimiter) {
    ctx.client.limiter.share(accounts.open().length);
  }
  const selected = (test: (root: StreamDefinition) => boolean) =>
    all.filter((n) => n.selected && n.parent && test(top(n).def)).map((n) => n.def.name);
  const coverage = accounts.coverage(
    selected(isAccountList),
    [...perAccount.filter((n) => n.selected).map((n) => n.def.name), ...selected(isPerAccount)],
  );
  if (coverage) ctx.output.log("WARN", coverage);
  const underList = all.filter((n) => list && n.def.parent?.stream === list.name).length;
  const reached = new Set(accounts.productAccounts());
  const open = new Set(accounts.open().map((a) => a.sid));
  ctx.progress.start(accounts.chosen.map((a) => a.sid), (sid) => {
    const api = open.has(sid) && accounts.readsApi(sid) ? underList : 0;
    return api + (reached.has(sid) ? perAccount.length : 0);
  });
}

/** The root of the tree `node` is in. */
function top(node: StreamNode): StreamNode {
  return node.parent ? top(node.parent) : node;
}
