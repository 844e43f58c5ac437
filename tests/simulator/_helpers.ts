/**
 * Test helpers: authenticated GETs and page walks against a running simulator.
 *
 * @module
 */

import type { Simulator } from "../../simulator/mod.ts";

/** A JSON object. */
export type Json = Record<string, unknown>;

/** An HTTP Basic header value. */
export function basic(username: string, password: string): string {
  return `Basic ${btoa(`${username}:${password}`)}`;
}

/** A response: status, JSON body and headers. */
export interface Reply {
  readonly status: number;
  readonly body: Json;
  readonly headers: Headers;
}

/** GETs `pathOrUrl` (relative to the simulator unless absolute) with the main credentials. */
export async function get(
  sim: Simulator,
  pathOrUrl: string,
  authorization?: string,
): Promise<Reply> {
  const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${sim.url}${pathOrUrl}`;
  const response = await fetch(url, {
    headers: { Authorization: authorization ?? basic(sim.accountSid, sim.authToken) },
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Json, headers: response.headers };
}

/** GETs (with the main credentials unless told) and fails unless the status is 200. */
export async function ok(sim: Simulator, pathOrUrl: string, authorization?: string): Promise<Json> {
  const reply = await get(sim, pathOrUrl, authorization);
  if (reply.status !== 200) {
    throw new Error(`GET ${pathOrUrl}: status ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
  return reply.body;
}

/** The record array of a page. */
export function rowsOf(body: Json, key: string): Json[] {
  const rows = body[key];
  if (!Array.isArray(rows)) {
    throw new Error(`No "${key}" array in ${JSON.stringify(body).slice(0, 200)}`);
  }
  return rows as Json[];
}

/** Walks a 2010-style list from a host-relative `/2010-04-01/...` path (or api-prefixed URL). */
export async function walk2010(
  sim: Simulator,
  path: string,
  key: string,
  authorization?: string,
): Promise<{ rows: Json[]; pages: number }> {
  const rows: Json[] = [];
  let pages = 0;
  let next: string | null = path.startsWith("/2010-04-01") ? `/api${path}` : path;
  while (next !== null) {
    const body = await ok(sim, next, authorization);
    pages++;
    rows.push(...rowsOf(body, key));
    const uri = body.next_page_uri;
    next = typeof uri === "string" ? (uri.startsWith("/") ? `/api${uri}` : uri) : null;
  }
  return { rows, pages };
}

/** Walks a meta-style list from a simulator path (`/conversations/v1/...`). */
export async function walkMeta(
  sim: Simulator,
  path: string,
  key: string,
  authorization?: string,
): Promise<{ rows: Json[]; pages: number }> {
  const rows: Json[] = [];
  let pages = 0;
  let next: string | null = path;
  while (next !== null) {
    const body = await ok(sim, next, authorization);
    pages++;
    rows.push(...rowsOf(body, key));
    const meta = body.meta as Json;
    next = typeof meta.next_page_url === "string" ? meta.next_page_url : null;
  }
  return { rows, pages };
}

/** Sorted JSON texts, to compare two lists of records as multisets. */
export function canonical(rows: readonly unknown[]): string[] {
  return rows.map((row) => JSON.stringify(row)).sort();
}

/** The records of one account (by `account_sid`). */
export function ownedBy(rows: readonly Json[], sid: string): Json[] {
  return rows.filter((row) => row.account_sid === sid);
}

/** The Basic header of account `index` of the tree (0 = main). */
export function accountAuth(sim: Simulator, index: number): string {
  const account = sim.accounts[index];
  if (!account) throw new Error(`No account ${index}`);
  return basic(account.sid, account.authToken);
}
