/**
 * Running the forest of a read: every root node concurrently, children fed as
 * their parents read, and each stream's outcome reported as an Airbyte stream
 * status (and an error trace, or a WARN for a stream the account cannot read).
 *
 * @module
 */
import {
  asSourceError,
  CancelledError,
  ConfigError,
  CREDENTIALS_REJECTED,
  HttpError,
  SourceError,
} from "./errors.ts";
import type { StreamNode } from "./stream_node.ts";
import type { ReadContext } from "./read_context.ts";
import type { Selection } from "../protocol/catalog.ts";

/** How one stream of a read ended. */
export interface StreamOutcome {
  status: "COMPLETE" | "INCOMPLETE";
  records: number;
  invalid: number;
  error?: SourceError;
}

/** Marks a failure that only means "this stream is not available to the account". */
export class Unavailable extends SourceError {
  /** What Twilio answered, for the streams read under this one. */
  readonly reason: string;

  constructor(stream: string, reason: string, under?: string) {
    const where = under === undefined ? "" : ` (read under "${under}", which was skipped)`;
    super(`Skipped stream "${stream}"${where}: ${reason}`, "config_error", { stream });
    this.name = "Unavailable";
    this.reason = reason;
  }

  /** The same skip, said of a stream read under this one. */
  for(stream: string): Unavailable {
    return stream === this.stream ? this : new Unavailable(stream, this.reason, this.stream);
  }
}

/** Runs every node; resolves to each selected stream's outcome once the output is closed. */
export async function runForest(
  ctx: ReadContext,
  nodes: Map<string, StreamNode>,
  selections: readonly Selection[],
  controller: AbortController,
  prepare?: (signal: AbortSignal) => Promise<void>,
): Promise<Map<string, StreamOutcome>> {
  const { output } = ctx;
  const outcomes = new Map<string, StreamOutcome>();
  let fatal: SourceError | undefined;
  for (const { name } of selections) output.status(name, "STARTED");

  const settle = (node: StreamNode, error?: SourceError) => {
    for (const n of [node, ...node.nestedDescendants()]) {
      if (!n.selected || outcomes.has(n.def.name)) continue;
      const records = output.counters(n.def.name).records;
      if (!error) {
        n.finish();
        if (n.invalid > 0) {
          output.log("WARN", `"${n.def.name}": ${n.invalid} records did not match the schema`);
        }
        output.status(n.def.name, "COMPLETE");
        outcomes.set(n.def.name, { status: "COMPLETE", records, invalid: n.invalid });
        continue;
      }
      output.status(n.def.name, "INCOMPLETE");
      const own = error instanceof Unavailable
        ? error.for(n.def.name)
        : error.stream === n.def.name
        ? error
        : new SourceError(error.message, error.failureType, { stream: n.def.name, cause: error });
      if (error instanceof Unavailable) output.log("WARN", own.message);
      // After a fatal error (401, cancellation) only that one is reported, at the end.
      else if (!fatal) output.error(own);
      outcomes.set(n.def.name, { status: "INCOMPLETE", records, invalid: n.invalid, error: own });
    }
  };

  const runNode = async (node: StreamNode) => {
    let failure: SourceError | undefined;
    try {
      await node.run(controller.signal);
    } catch (caught) {
      failure = classify(caught, node);
      if (isFatal(failure)) {
        fatal ??= failure;
        controller.abort(failure);
      }
      node.queue?.discard();
    }
    settle(node, failure);
    for (const child of node.children) {
      if (!failure) child.queue!.close();
      else if (failure instanceof Unavailable) {
        child.queue!.fail(failure.for(child.def.name));
      } else {
        child.queue!.fail(
          new SourceError(
            `Stream "${child.def.name}" was not fully read: its parent "${node.def.name}" failed`,
            failure.failureType,
            { stream: child.def.name, cause: failure },
          ),
        );
      }
    }
  };

  let prepared = true;
  try {
    await prepare?.(controller.signal);
  } catch (caught) {
    // No stream can be read without its accounts: each fails with the Accounts list's error.
    prepared = false;
    const failure = rejected(caught) ?? asSourceError(caught);
    if (isFatal(failure)) fatal = failure;
    for (const node of nodes.values()) settle(node, failure);
  }
  if (prepared) await Promise.all([...nodes.values()].filter((n) => !n.nested).map(runNode));
  if (fatal) output.error(fatal);
  await output.close();
  return outcomes;
}

/** A 401: the config's credentials were refused, which ends the sync. */
function rejected(caught: unknown): ConfigError | undefined {
  if (!(caught instanceof HttpError) || caught.status !== 401) return undefined;
  return new ConfigError(CREDENTIALS_REJECTED, { cause: caught, internal: caught.message });
}

function classify(caught: unknown, node: StreamNode): SourceError {
  if (caught instanceof Unavailable) return caught;
  if (
    caught instanceof HttpError && !node.parent && (caught.status === 403 || caught.status === 404)
  ) {
    return new Unavailable(
      node.def.name,
      `Twilio answered ${caught.status} (is the product enabled for this account?): ` +
        caught.message,
    );
  }
  const credentials = rejected(caught);
  if (credentials) return credentials;
  const error = asSourceError(caught);
  if (error.stream || error instanceof CancelledError) return error;
  return new SourceError(
    `Cannot read stream "${node.def.name}": ${error.message}`,
    error.failureType,
    {
      stream: node.def.name,
      cause: error,
      ...(error.internal ? { internal: error.internal } : {}),
    },
  );
}

function isFatal(error: SourceError): boolean {
  return error instanceof CancelledError ||
    (error instanceof ConfigError && !(error instanceof Unavailable));
}
