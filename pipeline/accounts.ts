/**
 * The accounts of one sync: the Accounts list read once at the start (with
 * the config's credentials), the accounts chosen from it, and the
 * credentials that reach each one's product APIs. Twilio scopes product hosts
 * (conversations, studio, monitor, ...) to the account that authenticates, so
 * a subaccount's product data is read with its own auth token, which the
 * Accounts list returns to the main account's auth token. Those tokens stay
 * in memory here: never emitted, logged, or put in a state or error, and
 * added to the output's masking as a last line of defence.
 *
 * @module
 */
import { type AccountChoice, type AccountEntry, chooseAccounts } from "./account_choice.ts";
import type { HttpClient } from "./http_client.ts";
import { paginate, twilioPageStep } from "./paginate.ts";
import type { Router } from "./routing.ts";
import type { Secrets } from "./secrets.ts";
import { REDACTED } from "./normalize.ts";
import { type Config, sameSid } from "../protocol/config.ts";
import type { JsonObject } from "../protocol/messages.ts";
import type { StreamDefinition } from "../streams/_define.ts";

/** The stream that lists the account tree: the one root of the 2010 API. */
export function isAccountList(def: StreamDefinition): boolean {
  return !def.parent && def.product === "api";
}

/** A root stream on a product host whose data belongs to the authenticating account. */
export function isPerAccount(def: StreamDefinition): boolean {
  return !def.parent && def.product !== "api" && def.scope !== "global";
}

/** Basic-auth credentials. */
export interface Credentials {
  username: string;
  password: string;
}

/** The accounts a sync reads, and how their product APIs are reached. */
export class AccountSet {
  /** The main account (the config's `account_sid`). */
  readonly main: string;
  /** The chosen accounts, in list order. */
  readonly chosen: readonly AccountEntry[];
  /** Whether the config authenticates with an API key. */
  readonly apiKey: boolean;
  #tokens: ReadonlyMap<string, string>;
  #records: JsonObject[] | undefined;
  #skipped = new Set<string>();
  #chosen: ReadonlySet<string>;

  private constructor(
    config: AccountChoice & Pick<Config, "api_key">,
    tree: readonly AccountEntry[],
    tokens: ReadonlyMap<string, string>,
    records: JsonObject[] | undefined,
  ) {
    // As Twilio spells it (the config may write the hex digits in capitals).
    this.main = tree.find((a) => sameSid(a.sid, config.account_sid))?.sid ?? config.account_sid;
    this.chosen = chooseAccounts(tree, config);
    this.apiKey = config.api_key !== undefined;
    this.#tokens = tokens;
    const chosen = this.#chosen = new Set(this.chosen.map((a) => a.sid));
    this.#records = records?.filter((r) => chosen.has(String(r.sid)));
  }

  /** The main account alone, when the Accounts list is not needed. */
  static mainOnly(config: Config): AccountSet {
    const main = { account_sid: config.account_sid, include_subaccounts: false };
    const tree = [{ sid: config.account_sid, status: "active" }];
    return new AccountSet({ ...main, api_key: config.api_key }, tree, new Map(), []);
  }

  /**
   * The set a listed tree gives. Subaccounts' auth tokens are kept when the
   * config authenticates with the main account's auth token (an API key
   * reaches its own account only, and using tokens would widen what it may
   * read), each added to `secrets`.
   */
  static fromList(config: Config, records: JsonObject[], secrets: Secrets): AccountSet {
    const tokens = new Map<string, string>();
    for (const record of records) {
      const sid = String(record.sid);
      const token = record.auth_token;
      if (config.auth_token === undefined || sameSid(sid, config.account_sid)) continue;
      if (typeof token === "string" && token.length >= 8 && token !== REDACTED) {
        secrets.add(token);
        tokens.set(sid, token);
      }
    }
    return new AccountSet(config, treeOf(records, config.account_sid), tokens, records);
  }

  /** Whether `sid` is a chosen account. */
  has(sid: string): boolean {
    return this.#chosen.has(sid);
  }

  /** The status the Accounts list gave `sid` (`active` when it was not listed). */
  statusOf(sid: string): string {
    return this.chosen.find((a) => a.sid === sid)?.status ?? "active";
  }

  /** The chosen accounts not closed: the ones whose resources are read. */
  open(): AccountEntry[] {
    return this.chosen.filter((a) => a.status !== "closed");
  }

  /** Open chosen accounts whose product APIs the credentials reach, main account first. */
  productAccounts(): string[] {
    const reached = this.open().map((a) => a.sid).filter((sid) => this.#reaches(sid));
    return reached.sort((a, b) => Number(b === this.main) - Number(a === this.main));
  }

  /** Open chosen accounts whose product APIs the credentials do not reach. */
  unreached(): string[] {
    return this.open().map((a) => a.sid).filter((sid) => !this.#reaches(sid));
  }

  /** The credentials of a subaccount whose auth token was listed. */
  credentials(sid: string): Credentials | undefined {
    const token = this.#tokens.get(sid);
    return token === undefined ? undefined : { username: sid, password: token };
  }

  /** The SID to authenticate as when reading `sid`'s product APIs (undefined: the config's). */
  authenticateAs(sid: string): string | undefined {
    return sid === this.main ? undefined : sid;
  }

  /** The raw records of the chosen accounts, once (the `accounts` stream emits them). */
  takeRecords(): JsonObject[] {
    const records = this.#records ?? [];
    this.#records = undefined;
    return records;
  }

  /** Notes that `product` is not available to `sid`; true the first time (log it then). */
  skip(product: string, sid: string): boolean {
    const key = `${product} ${sid}`;
    if (this.#skipped.has(key)) return false;
    this.#skipped.add(key);
    return true;
  }

  /**
   * Whether the 2010-API streams under `accounts` are read for `sid`: the
   * main account's auth token reaches every subaccount there, an API key
   * only its own account.
   */
  readsApi(sid: string): boolean {
    return sid === this.main || !this.apiKey;
  }

  /**
   * The WARN of a sync whose streams do not reach every chosen account (said
   * once, before any stream runs), or undefined when they all do.
   * `apiStreams` are the selected streams read under `accounts`,
   * `productStreams` those read per account on product hosts.
   */
  coverage(apiStreams: readonly string[], productStreams: readonly string[]): string | undefined {
    const open = this.open().map((a) => a.sid);
    const streams = [...(this.apiKey ? apiStreams : []), ...productStreams];
    const missing = this.unreached();
    if (streams.length === 0 || missing.length === 0) return undefined;
    const gone = new Set(missing);
    const reached = open.filter((sid) => !gone.has(sid));
    const why = this.apiKey
      ? "an API key reaches its own account's resources only; authenticate with the main " +
        "account's auth_token to read every subaccount"
      : "Twilio listed no auth token for them, and product APIs answer an account's own " +
        "credentials only";
    return `${quoted(streams)} read for ${reached.length} of ${open.length} accounts ` +
      `(${sample(reached)}), not for ${sample(missing)}: ${why}`;
  }

  #reaches(sid: string): boolean {
    return sid === this.main || this.#tokens.has(sid);
  }
}

/** The accounts of a listed tree; the main account first when the list left it out. */
export function treeOf(records: readonly JsonObject[], main: string): AccountEntry[] {
  const tree = records.map((r) => ({ sid: String(r.sid), status: String(r.status ?? "active") }));
  if (!tree.some((a) => sameSid(a.sid, main))) tree.unshift({ sid: main, status: "active" });
  return tree;
}

/** Reads the whole Accounts list, raw (tokens unredacted), with the config's credentials. */
export async function listAccounts(options: {
  client: HttpClient;
  router: Router;
  def: StreamDefinition;
  signal: AbortSignal;
}): Promise<JsonObject[]> {
  const { client, router, def, signal } = options;
  const query = new URLSearchParams({ PageSize: String(def.pageSize) });
  const step = twilioPageStep({
    client,
    router,
    product: def.product,
    recordKey: def.recordKey,
    tag: def.name,
    signal,
  });
  const records: JsonObject[] = [];
  for await (const page of paginate(router.url(def.product, def.path, query), step)) {
    records.push(...page);
  }
  return records;
}

function quoted(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(", ");
}

/** Up to ten SIDs, then how many more. */
function sample(sids: readonly string[]): string {
  if (sids.length === 0) return "none";
  const shown = sids.slice(0, 10).join(", ");
  return sids.length > 10 ? `${shown} and ${sids.length - 10} more` : shown;
}
