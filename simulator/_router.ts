/**
 * Maps `/{product}{twilioPath}?query` to a JSON body: a page of a list route, or one record of
 * a list (`…/{Sid}.json`, `…/{Sid}`). Errors are thrown as TwilioApiError.
 *
 * @module
 */

import type { Caller } from "./_auth.ts";
import { findBySid, type Row } from "./_collection.ts";
import { envelope } from "./_envelope.ts";
import {
  badRequest,
  chatRetired,
  insightsDisabled,
  notFound,
  productNotEnabled,
} from "./_errors.ts";
import { type PageResult, parsePaging, takePage } from "./_paging.ts";
import { compile, type ListRoute, match, type Matcher } from "./_route.ts";
import { API_ROUTES } from "./_routes_api.ts";
import { INSIGHTS_ROUTES, PRICING_ROUTES } from "./_routes_products.ts";
import { V1_ROUTES } from "./_routes_v1.ts";
import { parseSelection, predicateOf, type Selection, windowOf } from "./_select.ts";
import type { World } from "./_world.ts";

interface Entry {
  readonly route: ListRoute;
  readonly matcher: Matcher;
  readonly instance: boolean;
}

const PAGING_PARAMS = ["PageSize", "Page", "PageToken"] as const;

function instancePattern(route: ListRoute): string {
  return route.style === "2010"
    ? route.pattern.replace(/\.json$/, "/{Sid}.json")
    : `${route.pattern}/{Sid}`;
}

/** Where links point and how pages are sized. */
export interface RouterOptions {
  /** The simulator's origin. */
  readonly origin: () => string;
  /** The foreign server's origin when next-page links must point there. */
  readonly foreignOrigin: () => string | undefined;
  readonly pageSizeCap?: number;
}

/** Serves every list route of the simulator. */
export class Router {
  readonly #world: World;
  readonly #options: RouterOptions;
  readonly #entries: Entry[] = [];

  constructor(world: World, options: RouterOptions) {
    this.#world = world;
    this.#options = options;
    const routes = [...API_ROUTES, ...V1_ROUTES, ...PRICING_ROUTES, ...INSIGHTS_ROUTES];
    for (const route of routes) {
      this.#entries.push({ route, matcher: compile(route.pattern), instance: false });
    }
    for (const route of routes) {
      if (route.instances === false || route.style === "bare") continue;
      this.#entries.push({ route, matcher: compile(instancePattern(route)), instance: true });
    }
  }

  /**
   * The body for a GET of `path` (product prefix included) by `caller`. On a product host a
   * product not enabled for the caller's account answers 403 (code 20403).
   */
  serve(path: string, query: URLSearchParams, caller: Caller): Row {
    const split = /^\/([a-z]+)(\/.*)$/.exec(path);
    const product = split?.[1] ?? "";
    const twilioPath = split?.[2] ?? path;
    if (product === "chat") throw chatRetired(twilioPath);
    for (const entry of this.#entries) {
      if (entry.route.product !== product) continue;
      const params = match(entry.matcher, twilioPath);
      if (!params) continue;
      const host = entry.route.product;
      if (host !== "api" && host !== "pricing" && !this.#world.enabled(caller.account, host)) {
        throw host === "insights" && !this.#world.insightsEnabled
          ? insightsDisabled(twilioPath)
          : productNotEnabled(host, this.#world.keys[caller.account]?.sid ?? "");
      }
      return entry.instance
        ? this.#fetch(entry.route, params, twilioPath, caller)
        : this.#list(entry.route, params, twilioPath, query, caller);
    }
    throw notFound(twilioPath);
  }

  #fetch(route: ListRoute, params: Record<string, string>, path: string, caller: Caller): Row {
    const selection: Selection = { ranges: [], equals: [] };
    const ctx = { world: this.#world, params, selection, caller };
    const collection = route.fetch ? undefined : route.resolve(ctx);
    const row = route.fetch
      ? route.fetch(ctx)
      : collection && findBySid(collection, params.Sid ?? "");
    if (!row) throw notFound(path);
    return row;
  }

  #list(
    route: ListRoute,
    params: Record<string, string>,
    path: string,
    query: URLSearchParams,
    caller: Caller,
  ): Row {
    // Page tokens of one account's product list are not another's.
    const owner = route.product === "api" || caller.account === 0 ? "" : `@${caller.account}`;
    const salt = `${this.#world.seed}:${route.product}${path}${owner}`;
    const paging = parsePaging(query, route.maxPageSize, this.#options.pageSizeCap, salt);
    const selection = parseSelection(route.filters ?? [], query);
    const collection = route.resolve({ world: this.#world, params, selection, caller });
    if (!collection) throw notFound(path);
    const position = paging.token?.position ?? paging.page * paging.size;
    if (route.maxResults !== undefined && position >= route.maxResults) {
      throw badRequest(
        `Invalid page and pageSize combination, data is limited to ${
          route.maxResults.toLocaleString("en-US")
        } results`,
      );
    }
    const asked = route.orderParam ? query.get(route.orderParam) : null;
    const order = asked === "desc" || asked === "asc" ? asked : route.order ?? "asc";
    const window = windowOf(collection, selection);
    const predicate = predicateOf(selection);
    let result: PageResult;
    if (route.style === "bare") {
      const rows: Row[] = [];
      for (let i = window[0]; i < window[1]; i++) {
        const row = collection.at(i);
        if (!predicate || predicate(row)) rows.push(row);
      }
      result = { rows, position: 0 };
    } else {
      result = takePage(collection, window, predicate, order, paging);
    }
    const filters = new URLSearchParams(query);
    for (const name of PAGING_PARAMS) filters.delete(name);
    const foreign = this.#options.foreignOrigin();
    return envelope(
      route.style,
      route.key,
      {
        origin: this.#options.origin(),
        ...(foreign === undefined ? {} : { foreignOrigin: foreign }),
        product: route.product,
        path,
        filters,
        salt,
      },
      paging,
      result,
    );
  }
}
