/**
 * The simulator in its own process (`simulator/main.ts`), so that serving
 * requests does not share the connector's event loop or heap.
 *
 * @module
 */

const SIMULATOR = new URL("../simulator/main.ts", import.meta.url).pathname;

/** A simulator running in a child process. */
export interface SimulatorProcess extends AsyncDisposable {
  url: string;
  accountSid: string;
  authToken: string;
  /** Stops the child and waits for it. */
  close(): Promise<void>;
}

/** Options of the simulator CLI, without the dashes: `{ latency: 50, counts: "{\"calls\":5}" }`. */
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
  reader.releaseLock();
  child.stdout.cancel().catch(() => {});
  const line = JSON.parse(text.slice(0, text.indexOf("\n"))) as {
    url: string;
    account_sid: string;
    auth_token: string;
  };
  let closing: Promise<void> | undefined;
  const close = () =>
    closing ??= (async () => {
      try {
        child.kill("SIGTERM");
      } catch {
        // Already gone.
      }
      await child.status;
    })();
  return {
    url: line.url,
    accountSid: line.account_sid,
    authToken: line.auth_token,
    close,
    [Symbol.asyncDispose]: close,
  };
}
