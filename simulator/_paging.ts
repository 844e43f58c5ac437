/**
 * Paging: `PageSize` / `Page` / `PageToken` parsing, opaque anchor tokens and the page walk.
 *
 * A token names the index where the next page starts (or, for a previous-page token, the index
 * the page ends before) plus the position of the page in the result, with a checksum. Anchoring
 * on an index, not an offset, keeps a read stable while records are appended and makes a page
 * cost O(page) even with a non-date filter.
 *
 * @module
 */

import type { Collection, Row } from "./_collection.ts";
import { badRequest } from "./_errors.ts";
import { hash32 } from "./_random.ts";

/** Default `PageSize`. */
export const DEFAULT_PAGE_SIZE = 50;

/** A decoded page token. */
export interface PageToken {
  readonly dir: "next" | "prev";
  readonly anchor: number;
  readonly position: number;
}

/** What a request asked for. */
export interface PageRequest {
  /** Effective page size (after `pageSizeCap`). */
  readonly size: number;
  /** `Page` as sent (or derived from the token). */
  readonly page: number;
  readonly token?: PageToken;
  /** The token as sent, to rebuild the current page's URL. */
  readonly rawToken?: string;
}

/** Parses the paging parameters; throws a 400 for a bad page size, page or token. */
export function parsePaging(
  query: URLSearchParams,
  maxPageSize: number,
  cap: number | undefined,
  salt: string,
): PageRequest {
  const rawSize = query.get("PageSize");
  const size = rawSize === null ? DEFAULT_PAGE_SIZE : Number(rawSize);
  if (!Number.isInteger(size) || size < 1 || size > maxPageSize) {
    throw badRequest(
      `Invalid PageSize "${rawSize}": PageSize must be between 1 and ${maxPageSize} (maximum ${maxPageSize})`,
    );
  }
  const rawPage = query.get("Page");
  const page = rawPage === null ? 0 : Number(rawPage);
  if (!Number.isInteger(page) || page < 0) throw badRequest(`Invalid Page "${rawPage}"`);
  const effective = cap !== undefined && cap >= 1 ? Math.min(size, Math.floor(cap)) : size;
  const rawToken = query.get("PageToken") ?? undefined;
  if (rawToken === undefined) return { size: effective, page };
  const token = decodeToken(rawToken, salt);
  if (!token) throw badRequest(`Invalid PageToken "${rawToken}"`);
  const derived = rawPage === null ? Math.floor(token.position / effective) : page;
  return { size: effective, page: derived, token, rawToken };
}

/** Encodes a token (`PA…` for next pages, `PB…` for previous pages, like Twilio's). */
export function encodeToken(token: PageToken, salt: string): string {
  const check = hash32(salt, token.dir, token.anchor, token.position).toString(36);
  const text = `${token.anchor}.${token.position}.${check}`;
  const b64 = btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  return (token.dir === "next" ? "PA" : "PB") + b64;
}

/** Decodes a token made by {@link encodeToken} for the same salt, else undefined. */
export function decodeToken(raw: string, salt: string): PageToken | undefined {
  const dir = raw.startsWith("PA") ? "next" : raw.startsWith("PB") ? "prev" : undefined;
  if (!dir) return undefined;
  let text: string;
  try {
    text = atob(raw.slice(2).replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    return undefined;
  }
  const match = /^(\d{1,15})\.(\d{1,15})\.([0-9a-z]+)$/.exec(text);
  if (!match) return undefined;
  const token = { dir, anchor: Number(match[1]), position: Number(match[2]) } as const;
  return hash32(salt, dir, token.anchor, token.position).toString(36) === match[3]
    ? token
    : undefined;
}

/** One page of a walk. */
export interface PageResult {
  readonly rows: Row[];
  /** Position (0-based) of the first row in the whole result. */
  readonly position: number;
  readonly next?: PageToken;
  readonly prev?: PageToken;
}

/** Walks `collection` over the index window in `order` and returns one page. */
export function takePage(
  collection: Collection,
  [from, to]: readonly [number, number],
  match: ((row: Row) => boolean) | undefined,
  order: "asc" | "desc",
  request: PageRequest,
): PageResult {
  const step = order === "desc" ? -1 : 1;
  const inside = (i: number) => i >= from && i < to;
  const first = order === "desc" ? to - 1 : from;
  const found: { index: number; row: Row }[] = [];
  const scan = (start: number, direction: number, limit: number) => {
    const begin = direction > 0 ? Math.max(start, from) : Math.min(start, to - 1);
    for (let i = begin; inside(i) && found.length < limit; i += direction) {
      const row = collection.at(i);
      if (!match || match(row)) found.push({ index: i, row });
    }
  };
  let position: number;
  const token = request.token;
  if (token?.dir === "prev") {
    position = token.position;
    scan(token.anchor - step, -step, request.size);
    found.reverse();
  } else {
    position = token ? token.position : request.page * request.size;
    const anchor = token ? token.anchor : seek(collection, first, step, inside, match, position);
    scan(anchor, step, request.size + 1);
  }
  const extra = found.length > request.size ? found.pop() : undefined;
  let nextAnchor = extra?.index;
  if (token?.dir === "prev" && found.length > 0) {
    const last = found.at(-1)?.index ?? first;
    const before = found.length;
    scan(last + step, step, before + 1);
    nextAnchor = found.length > before ? found.pop()?.index : undefined;
  }
  const head = found[0];
  return {
    rows: found.map((f) => f.row),
    position,
    next: nextAnchor === undefined
      ? undefined
      : { dir: "next", anchor: nextAnchor, position: position + found.length },
    prev: position > 0 && head
      ? { dir: "prev", anchor: head.index, position: Math.max(0, position - request.size) }
      : undefined,
  };
}

function seek(
  collection: Collection,
  first: number,
  step: number,
  inside: (i: number) => boolean,
  match: ((row: Row) => boolean) | undefined,
  skip: number,
): number {
  if (!match) return first + step * skip;
  let seen = 0;
  let i = first;
  for (; inside(i) && seen < skip; i += step) {
    if (match(collection.at(i))) seen++;
  }
  while (inside(i) && !match(collection.at(i))) i += step;
  return i;
}
