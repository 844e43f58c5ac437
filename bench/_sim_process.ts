/**
 * The simulator in its own process (`simulator/main.ts`), so that serving
 * requests does not share the connector's event loop or heap.
 *
 * @module
 */

const SIMULATOR = new URL("../simulator/main.ts", import.meta.url).pathname;

/** The counters the simulator prints when it stops. */
export interface SimulatorTotals {
  /** Requests served. */
  requests: number;
  /** Highest number of requests in flight at once. */
  max_in_flight: number;
  /** Responses per HTTP status. */
  status: Record<string, number>;
  /** Accounts that were sent requests. */
  accounts: number;
  /** Accounts that were sent requests on the product hosts. */
  product_accounts: number;
}

/** A simulator running in a child process. */
export interface SimulatorProcess extends AsyncDisposable {
  url: string;
  accountSid: string;
  authToken: string;
  /** Stops the child, waits for it and returns its last counters (undefined if it printed none). */
  close(): Promise<SimulatorTotals | undefined>;
}

/**
 * Options of the simulator CLI, without the dashes:
 * `{ latency: 50, "max-in-flight": 10, "latency-by-account": "3=200", counts: "{\"calls\":5}" }`.
 */
export type SimulatorFlags = Record<string, number | string>;

/** Starts `simulator/main.ts` with `flags` and waits for its JSON line. */
export async function spawnSimulator(flags: SimulatorFlags): Promise<SimulatorProcess> {
  const args = Object.entries(flags).flatMap(([name, value]) => [`--${name}`, String(value)]);
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--allow-net", "--allow-env", SIMULATOR, ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) {
      await child.status;
      throw new Error(`The simulator exited before printing its address: ${text}`);
    }
    text += value;
  }
  const line = JSON.parse(text.slice(0, text.indexOf("\n"))) as {
    url: string;
    account_sid: string;
    auth_token: string;
  };
  // Keep reading: the last line comes when the child stops.
  const rest = (async () => {
    let tail = text.slice(text.indexOf("\n") + 1);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return tail;
      tail += value;
    }
  })().catch(() => "");
  let closing: Promise<SimulatorTotals | undefined> | undefined;
  const close = () =>
    closing ??= (async () => {
      try {
        child.kill("SIGTERM");
      } catch {
        // Already gone.
      }
      await child.status;
      const last = (await rest).trim().split("\n").at(-1) ?? "";
      try {
        return last === "" ? undefined : JSON.parse(last) as SimulatorTotals;
      } catch {
        return undefined;
      }
    })();
  return {
    url: line.url,
    accountSid: line.account_sid,
    authToken: line.auth_token,
    close,
    [Symbol.asyncDispose]: async () => {
      await close();
    },
  };
}
