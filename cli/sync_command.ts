/**
 * `sync --config F --dir DIR [--catalog F] [--streams a,b]`: a read into a
 * folder of files (see `sync/sync.ts`). stdout stays empty: progress, logs,
 * errors and the summary table go to stderr, the summary also to
 * `DIR/last_sync.json`.
 *
 * @module
 */
import type { CommandArgs } from "./commands.ts";
import { readJsonFile } from "./io.ts";
import { Progress } from "./progress.ts";
import { asSourceError } from "../pipeline/errors.ts";
import { secretsOf } from "../protocol/config.ts";
import type { AirbyteMessage } from "../protocol/messages.ts";
import { maskedForms, maskForms } from "../pipeline/serialize.ts";
import { sync } from "../sync/sync.ts";

/** Arguments of `sync`. */
export interface SyncArgs extends CommandArgs {
  dir?: string | undefined;
  streams?: string | undefined;
  /** Seconds between two state commits at most (default 1). */
  commitEverySeconds?: number | undefined;
}

/** Log levels shown on stderr. */
const SHOWN_LEVELS = new Set(["FATAL", "ERROR", "WARN", "INFO"]);

/** `sync`: exit 0 when every stream succeeded, 1 when one failed or the input is invalid. */
export async function syncCommand(args: SyncArgs): Promise<number> {
  let forms: string[] = [];
  let learnt: { mask(text: string): string } | undefined;
  const encoder = new TextEncoder();
  const say = (text: string) => {
    const masked = maskForms(text, forms);
    Deno.stderr.writeSync(encoder.encode(learnt ? learnt.mask(masked) : masked));
  };
  const progress = new Progress({ write: say });
  let started = false;
  try {
    const raw = await readJsonFile(args.config!, "config");
    forms = maskedForms(secretsOf(raw));
    const catalog = args.catalog === undefined
      ? undefined
      : await readJsonFile(args.catalog, "catalog");
    const summary = await sync(raw, {
      dir: args.dir!,
      ...(catalog === undefined ? {} : { catalog }),
      ...(args.streams === undefined ? {} : { streams: args.streams.split(",") }),
      ...(args.signal ? { signal: args.signal } : {}),
      ...(args.commitEverySeconds === undefined
        ? {}
        : { commitEveryMs: args.commitEverySeconds * 1000 }),
      onHttpEvent: progress.http,
      onMessages: (batch, secrets) => {
        started = true;
        learnt = secrets;
        progress.observe(batch);
        report(batch, say);
      },
    });
    progress.finish();
    started = false;
    say(
      `${summary.status}: records in ${args.dir}, state in state.json, summary in last_sync.json\n`,
    );
    return summary.status === "succeeded" ? 0 : 1;
  } catch (error) {
    if (started) progress.finish();
    const failure = asSourceError(error);
    if (args.debug && failure.failureType === "system_error") {
      say(`${error instanceof Error ? error.stack : String(error)}\n`);
    }
    say(`twilio-source sync: ${failure.message} (${failure.failureType})\n`);
    return 1;
  }
}

/** Prints the errors and logs of a batch on stderr. */
function report(batch: readonly AirbyteMessage[], say: (text: string) => void): void {
  for (const message of batch) {
    if (message.type === "LOG" && SHOWN_LEVELS.has(message.log.level)) {
      say(`${message.log.level} ${message.log.message}\n`);
    } else if (message.type === "TRACE" && message.trace.type === "ERROR") {
      const { error } = message.trace;
      const where = error.stream_descriptor ? ` "${error.stream_descriptor.name}"` : "";
      say(`ERROR${where} (${error.failure_type}): ${error.message}\n`);
    }
  }
}
