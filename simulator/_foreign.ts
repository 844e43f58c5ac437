/**
 * The foreign server: a second origin that next-page links may point at. It records the
 * `Authorization` header of every request (so tests can prove credentials never leak to another
 * origin) and answers 404.
 *
 * @module
 */

import { notFound } from "./_errors.ts";

/**
 * A server on another origin that records what it receives.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type ForeignServer, startSimulator } from "../mod.ts";
 * await using sim = await startSimulator();
 * const foreign: ForeignServer = sim.foreign;
 * const response = await fetch(`${foreign.url}/api/next-page`, {
 *   headers: { Authorization: "Basic bGVha2Vk" },
 * });
 * await response.body?.cancel();
 * assert.equal(response.status, 404);
 * assert.deepEqual(foreign.authorizations, ["Basic bGVha2Vk"]);
 * ```
 */
export interface ForeignServer {
  /** Origin, no trailing slash (`http://127.0.0.1:PORT`). */
  readonly url: string;
  /** `Authorization` values received (requests without one add nothing). */
  readonly authorizations: readonly string[];
  /** Requests received. */
  readonly requests: number;
}

/** A running foreign server. */
export interface RunningForeignServer extends ForeignServer {
  close(): Promise<void>;
}

/** Starts the foreign server on 127.0.0.1, port 0. */
export function startForeignServer(): RunningForeignServer {
  const authorizations: string[] = [];
  let requests = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    requests++;
    const authorization = request.headers.get("authorization");
    if (authorization !== null) authorizations.push(authorization);
    const error = notFound(new URL(request.url).pathname);
    return Response.json(error.body(), { status: error.status });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    authorizations,
    get requests() {
      return requests;
    },
    close: () => server.shutdown(),
  };
}
