/**
 * HTTP Basic authentication and what the credentials reach, after Twilio's rules:
 *
 * - an account's SID + auth token authenticate as that account (the main account or any
 *   subaccount); the simulator's API key (`SK…` + secret, a Main key made in the main account)
 *   authenticates as the main account;
 * - on the product hosts the credentials choose the account: every list holds the data of the
 *   account they authenticate as, never another's;
 * - on the 2010 API the main account's auth token reaches the paths of every account of the
 *   tree; a subaccount's credentials reach only its own paths, and so does the main API key
 *   (Twilio: "Main account API Keys are only available to access main account resources").
 *   Any other account's path answers 401 (code 20003), as Twilio does.
 *
 * @module
 */

/** Who a request authenticates as. */
export interface Caller {
  /** Index of the account (0 = main). */
  readonly account: number;
  /** An auth token, or the (main account's) API key. */
  readonly kind: "token" | "apiKey";
}

/** The accounts and the API key the simulator accepts. */
export interface Principals {
  readonly apiKey: { readonly sid: string; readonly secret: string };
  /** Index of an account SID of the tree. */
  indexOf(sid: string): number | undefined;
  /** Auth token of account `index`. */
  tokenOf(index: number): string | undefined;
}

/** The caller an `Authorization` header authenticates as, undefined when it does not. */
export function authenticate(header: string | null, principals: Principals): Caller | undefined {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "")?.[1];
  if (encoded === undefined) return undefined;
  let decoded: string;
  try {
    decoded = atob(encoded);
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const key = principals.apiKey;
  if (username === key.sid && password === key.secret) return { account: 0, kind: "apiKey" };
  const index = principals.indexOf(username);
  if (index === undefined || principals.tokenOf(index) !== password) return undefined;
  return { account: index, kind: "token" };
}

/** Whether `caller` may use the 2010-API paths of account `index`. */
export function reaches(caller: Caller, index: number): boolean {
  return index === caller.account || (caller.account === 0 && caller.kind === "token");
}
