/**
 * The list-route contract and the path matcher shared by the route tables.
 *
 * @module
 */

import { type Caller, reaches } from "./_auth.ts";
import type { Collection, Row } from "./_collection.ts";
import type { EnvelopeStyle } from "./_envelope.ts";
import { badRequest, unauthorized } from "./_errors.ts";
import type { ProductData, ProductHost } from "./_products.ts";
import { type FilterSpec, type Selection, startsBefore } from "./_select.ts";
import type { AccountData, World } from "./_world.ts";

/** A Twilio product: the first label of its host. */
export type Product = "api" | "pricing" | ProductHost;

/** What a route resolves its collection from. */
export interface RouteContext {
  readonly world: World;
  /** Path parameters (`AccountSid`, `ConferenceSid`, ...). */
  readonly params: Readonly<Record<string, string>>;
  readonly selection: Selection;
  /** Who the request authenticates as. */
  readonly caller: Caller;
}

/** One list endpoint. */
export interface ListRoute {
  readonly product: Product;
  /** Twilio path with `{Param}` placeholders (`/2010-04-01/Accounts/{AccountSid}/Calls.json`). */
  readonly pattern: string;
  readonly style: EnvelopeStyle;
  /** Key of the record array. */
  readonly key: string;
  readonly maxPageSize: number;
  /** Serving order of the collection (default ascending). */
  readonly order?: "asc" | "desc";
  /** Query parameter that may ask for `asc` or `desc`. */
  readonly orderParam?: string;
  readonly filters?: readonly FilterSpec[];
  /** A page starting at or past this position answers 400 (alerts: 10,000). */
  readonly maxResults?: number;
  /** Whether `{pattern}/{Sid}` fetches are served (default true). */
  readonly instances?: boolean;
  /** The collection, undefined for 404; throws a TwilioApiError for other refusals. */
  resolve(ctx: RouteContext): Collection | undefined;
  /**
   * The record `{pattern}/{Sid}` names, undefined for 404, when it is not the list record with
   * that `sid` (a pricing country's own resource, a summary keyed by another field).
   */
  fetch?(ctx: RouteContext): Row | undefined;
}

/** A compiled route pattern. */
export interface Matcher {
  readonly regex: RegExp;
  readonly names: readonly string[];
}

/** Compiles `{Param}` placeholders to a regular expression over one path segment each. */
export function compile(pattern: string): Matcher {
  const names: string[] = [];
  const source = pattern
    .split(/(\{[A-Za-z]+\})/)
    .map((part) => {
      const name = /^\{([A-Za-z]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name);
      return "([^/]+?)";
    })
    .join("");
  return { regex: new RegExp(`^${source}$`), names };
}

/** Path parameters when `path` matches, else undefined. */
export function match(matcher: Matcher, path: string): Record<string, string> | undefined {
  const found = matcher.regex.exec(path);
  if (!found) return undefined;
  const params: Record<string, string> = {};
  matcher.names.forEach((name, k) => {
    params[name] = decodeURIComponent(found[k + 1] ?? "");
  });
  return params;
}

/**
 * The account named by `AccountSid` (the main account or one of its subaccounts), undefined
 * for any other SID; throws Twilio's 401 when the caller's credentials do not reach it.
 */
export function accountOf(ctx: RouteContext): AccountData | undefined {
  const index = ctx.world.indexOf(ctx.params.AccountSid ?? "");
  if (index === undefined) return undefined;
  if (!reaches(ctx.caller, index)) throw unauthorized();
  return ctx.world.accountAt(index);
}

/** The product-host data of the account the caller authenticates as. */
export function productsOf(ctx: RouteContext): ProductData {
  return ctx.world.products(ctx.caller.account);
}

/** Days of history Twilio keeps for messages, media and recordings. */
export const RETENTION_DAYS = 400;

/** Throws Twilio's 400 when the lower bound on `field` is older than the retention window. */
export function checkRetention(ctx: RouteContext, field: string): void {
  if (startsBefore(ctx.selection, field, ctx.world.now, RETENTION_DAYS)) {
    throw badRequest(
      `Date range is partially or entirely outside of retention window of ${RETENTION_DAYS} days`,
    );
  }
}
