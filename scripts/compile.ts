/**
 * `deno task compile [TARGET...]`: builds the single executable for Linux
 * x64 and arm64 and macOS x64 and arm64 (or the targets named), into `dist/`.
 * The permissions the connector needs are embedded; nothing else is granted.
 * So are the V8 heap settings its bounded memory is measured with.
 *
 * `deno compile` downloads the runtime of each target from Deno's site, so it
 * needs that site to be reachable.
 *
 * @module
 */

/** The targets built by default. */
export const TARGETS = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
] as const;

/**
 * Permissions embedded in the binary: Twilio over the network, the JSON files,
 * env (TLS, proxies), and writing for `sync` (its folder of files; the
 * protocol commands write nothing).
 */
export const PERMISSIONS = ["--allow-net", "--allow-read", "--allow-env", "--allow-write"] as const;

/**
 * V8 heap settings embedded in the binary (and used by `deno task start`, the
 * Containerfile and the memory benchmark): a 64 MB old generation and 4 MB
 * semi-spaces. What a sync keeps in memory is bounded (at most 12 MiB of page
 * JSON per depth of the stream tree, `PAGE_BYTES_PER_DEPTH` in
 * `pipeline/read.ts`, plus a live heap of about 20 MB), so it fits with room
 * to spare. Without a limit V8 lets garbage grow to several times the live
 * heap between full collections: a read of 1M messages then peaks near
 * 300 MB instead of under 150 MB, for about a quarter less CPU time.
 */
export const V8_FLAGS = ["--max-old-space-size=64", "--max-semi-space-size=4"] as const;

/** V8 flags as the one `--v8-flags=` argument of `deno run` and `deno compile`. */
function v8FlagsArg(flags: readonly string[]): string {
  return `--v8-flags=${flags.join(",")}`;
}

/** `V8_FLAGS` as the one `--v8-flags=` argument of `deno run` and `deno compile`. */
export const V8_FLAGS_ARG: string = v8FlagsArg(V8_FLAGS);

/**
 * `deno run` arguments that run `entry` as the binary runs: with its
 * permissions and (unless others are given) its V8 heap settings.
 */
export function runArgs(entry: string, v8Flags: readonly string[] = V8_FLAGS): string[] {
  const flags = v8Flags.length > 0 ? [v8FlagsArg(v8Flags)] : [];
  return ["run", "--quiet", ...PERMISSIONS, ...flags, entry];
}

/** The `deno compile` arguments for one target. */
export function compileArgs(target: string): string[] {
  return [
    "compile",
    "--frozen",
    ...PERMISSIONS,
    V8_FLAGS_ARG,
    "--target",
    target,
    "--output",
    `dist/twilio-source-${target}`,
    "main.ts",
  ];
}

if (import.meta.main) {
  const targets = Deno.args.length > 0 ? Deno.args : TARGETS;
  for (const target of targets) {
    const { code } = await new Deno.Command(Deno.execPath(), {
      args: compileArgs(target),
      stdout: "inherit",
      stderr: "inherit",
    }).spawn().status;
    if (code !== 0) {
      console.error(`deno compile failed for ${target} (exit ${code})`);
      Deno.exit(code);
    }
    console.error(`built dist/twilio-source-${target}`);
  }
}
