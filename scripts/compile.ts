/**
 * `deno task compile [TARGET...]`: builds the single executable for Linux
 * x64 and arm64 and macOS x64 and arm64 (or the targets named), into `dist/`.
 * The permissions the connector needs are embedded; nothing else is granted.
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

/** Permissions embedded in the binary: Twilio over the network, the JSON files, env (TLS, proxies). */
export const PERMISSIONS = ["--allow-net", "--allow-read", "--allow-env"] as const;

/** The `deno compile` arguments for one target. */
export function compileArgs(target: string): string[] {
  return [
    "compile",
    "--frozen",
    ...PERMISSIONS,
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
