/**
 * Response envelopes: 2010 style (top-level `*_page_uri`, host-relative), meta style
 * (`meta.*_url`, absolute) and the bare countries list.
 *
 * @module
 */

import type { Row } from "./_collection.ts";
import { encodeToken, type PageRequest, type PageResult, type PageToken } from "./_paging.ts";

/** How a list endpoint wraps its records. */
export type EnvelopeStyle = "2010" | "meta" | "bare";

/** What the links of a page are built from. */
export interface LinkContext {
  /** The simulator's origin (`http://127.0.0.1:PORT`). */
  readonly origin: string;
  /** When set, next-page links point at this origin instead. */
  readonly foreignOrigin?: string;
  /** Product label (`api`, `conversations`, ...). */
  readonly product: string;
  /** Twilio path without the product prefix (`/2010-04-01/...`, `/v1/...`). */
  readonly path: string;
  /** The request's query without `PageSize`, `Page`, `PageToken`. */
  readonly filters: URLSearchParams;
  /** Salt for page tokens. */
  readonly salt: string;
}

/** The query string of a page link. */
function linkQuery(ctx: LinkContext, size: number, page: number, token?: string): string {
  const query = new URLSearchParams(ctx.filters);
  query.set("PageSize", String(size));
  query.set("Page", String(page));
  if (token !== undefined) query.set("PageToken", token);
  return query.toString();
}

/** Builds the JSON body of one page. */
export function envelope(
  style: EnvelopeStyle,
  key: string,
  ctx: LinkContext,
  request: PageRequest,
  result: PageResult,
): Row {
  if (style === "bare") return { [key]: result.rows, uri: ctx.path };
  const size = request.size;
  const page = request.page;
  const link = (p: number, token: PageToken | undefined, origin: string) =>
    `${origin}${ctx.path}?${linkQuery(ctx, size, p, token && encodeToken(token, ctx.salt))}`;
  const current = `${ctx.path}?${linkQuery(ctx, size, page, request.rawToken)}`;
  if (style === "2010") {
    const start = result.position;
    return {
      [key]: result.rows,
      end: result.rows.length === 0 ? start : start + result.rows.length - 1,
      first_page_uri: link(0, undefined, ""),
      next_page_uri: result.next
        ? link(page + 1, result.next, ctx.foreignOrigin ? `${ctx.foreignOrigin}/api` : "")
        : null,
      page,
      page_size: size,
      previous_page_uri: result.prev ? link(Math.max(0, page - 1), result.prev, "") : null,
      start,
      uri: current,
    };
  }
  const own = `${ctx.origin}/${ctx.product}`;
  const nextOrigin = ctx.foreignOrigin ? `${ctx.foreignOrigin}/${ctx.product}` : own;
  return {
    [key]: result.rows,
    meta: {
      page,
      page_size: size,
      first_page_url: link(0, undefined, own),
      previous_page_url: result.prev ? link(Math.max(0, page - 1), result.prev, own) : null,
      url: own + current,
      next_page_url: result.next ? link(page + 1, result.next, nextOrigin) : null,
      key,
    },
  };
}
