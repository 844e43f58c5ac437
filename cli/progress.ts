/**
 * Human-facing progress on stderr: a live line per running stream when stderr
 * is a terminal, and a summary table at the end of every read and sync. stdout is never
 * touched here.
 *
 * @module
 */
import type { HttpEvent } from "../pipeline/http_client.ts";
import type { AirbyteMessage } from "../protocol/messages.ts";

interface Row {
  records: number;
  pages: number;
  requests: number;
  retries: number;
  started: number;
  ended: number | undefined;
  status: string;
}

/** Options of {@linkcode Progress}. */
export interface ProgressOptions {
  /** Draw the live line (default: when stderr is a terminal). */
  live?: boolean;
  /** Where text goes (default: stderr). */
  write?: (text: string) => void;
  /** Clock (default `Date.now`). */
  now?: () => number;
}

/** Collects per-stream figures from HTTP events and output messages. */
export class Progress {
  #rows = new Map<string, Row>();
  #live: boolean;
  #write: (text: string) => void;
  #now: () => number;
  #lastDraw = 0;
  #drawn = 0;
  #started: number;
  #failed = false;
  #accounts: { done: number; total: number } | undefined;

  constructor(options: ProgressOptions = {}) {
    this.#live = options.live ?? Deno.stderr.isTerminal();
    const encoder = new TextEncoder();
    this.#write = options.write ?? ((text) => Deno.stderr.writeSync(encoder.encode(text)));
    this.#now = options.now ?? Date.now;
    this.#started = this.#now();
  }

  /** Feeds an HTTP event (pass as `onHttpEvent`). */
  http = (event: HttpEvent): void => {
    const row = this.#row(event.tag);
    if (event.type === "response") {
      row.requests++;
      if (event.status === 200) row.pages++;
    } else row.retries++;
    this.#draw();
  };

  /** Feeds how many accounts are done (pass as `onAccounts`). */
  accounts = (done: number, total: number): void => {
    this.#accounts = { done, total };
    this.#draw();
  };

  /** A pass-through stage that counts what is emitted. */
  tap(): TransformStream<AirbyteMessage[], AirbyteMessage[]> {
    return new TransformStream({
      transform: (batch, controller) => {
        this.observe(batch);
        controller.enqueue(batch);
      },
    });
  }

  /** Counts what a batch emits (what {@linkcode tap} does for each batch). */
  observe = (batch: readonly AirbyteMessage[]): void => {
    for (const message of batch) {
      if (message.type === "RECORD") this.#row(message.record.stream).records++;
      else if (message.type === "TRACE" && message.trace.type === "STREAM_STATUS") {
        const { stream_descriptor, status } = message.trace.stream_status;
        const row = this.#row(stream_descriptor.name);
        row.status = status;
        if (status === "COMPLETE" || status === "INCOMPLETE") row.ended = this.#now();
      } else if (message.type === "TRACE" && message.trace.type === "ERROR") {
        this.#failed = true;
      }
    }
    this.#draw();
  };

  /** Whether an ERROR trace went through {@linkcode tap}. */
  get failed(): boolean {
    return this.#failed;
  }

  /** The summary table, one line per stream (parents read only for their children included). */
  summary(): string {
    const names = [...this.#rows.keys()].filter((n) => n !== "").sort();
    const lines = [
      pad(["stream", "status", "records", "requests", "retries", "seconds"]),
      ...names.map((name) => {
        const r = this.#rows.get(name)!;
        const seconds = ((r.ended ?? this.#now()) - r.started) / 1000;
        return pad([name, r.status, r.records, r.requests, r.retries, seconds.toFixed(1)]);
      }),
    ];
    const total = ((this.#now() - this.#started) / 1000).toFixed(1);
    return lines.join("\n") + `\n${this.#accountsLine()}total: ${total} s\n`;
  }

  /** Clears the live lines and prints the summary. */
  finish(): void {
    if (this.#live) this.#write(this.#clear());
    this.#write(this.summary());
  }

  #row(stream: string): Row {
    let row = this.#rows.get(stream);
    if (!row) {
      row = {
        records: 0,
        pages: 0,
        requests: 0,
        retries: 0,
        started: this.#now(),
        ended: undefined,
        // Until a status arrives: a parent read only to reach its children.
        status: "(parent)",
      };
      this.#rows.set(stream, row);
    }
    return row;
  }

  #draw(): void {
    if (!this.#live) return;
    const now = this.#now();
    if (now - this.#lastDraw < 250) return;
    this.#lastDraw = now;
    const running = [...this.#rows.entries()].filter(([n, r]) => n && r.ended === undefined);
    const lines = running.slice(0, MAX_LIVE_LINES).map(([name, r]) => {
      const rate = r.records / Math.max(0.001, (now - r.started) / 1000);
      return `${name.padEnd(34)} ${r.records} records, ${r.pages} pages, ` +
        `${rate.toFixed(0)}/s, ${r.retries} retries`;
    });
    if (running.length > MAX_LIVE_LINES) {
      lines.push(`... and ${running.length - MAX_LIVE_LINES} more streams`);
    }
    if (this.#accounts) lines.push(this.#accountsLine().trimEnd());
    this.#write(this.#clear() + lines.map((l) => l.slice(0, 160) + "\n").join(""));
    this.#drawn = lines.length;
  }

  /** "accounts: 3 of 10 done" (and a line break), or nothing before the accounts are known. */
  #accountsLine(): string {
    const accounts = this.#accounts;
    return accounts ? `accounts: ${accounts.done} of ${accounts.total} done\n` : "";
  }

  /** Moves up over the live lines drawn last and clears them. */
  #clear(): string {
    const up = this.#drawn > 0 ? `\x1b[${this.#drawn}A` : "";
    this.#drawn = 0;
    return `${up}\r\x1b[J`;
  }
}

const MAX_LIVE_LINES = 8;

function pad(cells: (string | number)[]): string {
  const widths = [34, 11, 9, 9, 8, 8];
  return cells.map((c, i) => {
    const text = String(c);
    return i === 0 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!);
  }).join(" ");
}
