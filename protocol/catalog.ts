/**
 * Reading the configured catalog: only what the source uses is checked, and
 * unknown values the platform adds to fields the source ignores are accepted.
 *
 * @module
 */
import { z } from "zod";
import { ConfigError } from "../pipeline/errors.ts";

const ConfiguredStream = z.object({
  stream: z.object({ name: z.string().min(1) }).loose(),
  sync_mode: z.string(),
  destination_sync_mode: z.string().optional(),
  cursor_field: z.array(z.string()).optional(),
}).loose();

/** The part of `ConfiguredAirbyteCatalog` the source reads. */
export const ConfiguredCatalog = z.object({ streams: z.array(ConfiguredStream) }).loose();

/** A configured catalog. */
export type ConfiguredCatalog = z.infer<typeof ConfiguredCatalog>;

/** Sync modes. */
export type SyncMode = "full_refresh" | "incremental";

/** One stream the user selected, checked against what the source offers. */
export interface Selection {
  name: string;
  mode: SyncMode;
}

/** What the source offers for each stream name. */
export type Offer = (name: string) => readonly SyncMode[] | undefined;

/** Validates a parsed catalog file against the streams on offer. */
export function parseCatalog(raw: unknown, offer: Offer): Selection[] {
  const result = ConfiguredCatalog.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(
      `Invalid catalog: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`,
    );
  }
  const selections: Selection[] = [];
  const seen = new Set<string>();
  for (const [i, configured] of result.data.streams.entries()) {
    const name = configured.stream.name;
    const modes = offer(name);
    if (!modes) {
      throw new ConfigError(`Invalid catalog: streams[${i}]: unknown stream "${name}"`);
    }
    if (!modes.includes(configured.sync_mode as SyncMode)) {
      throw new ConfigError(
        `Invalid catalog: streams[${i}] ("${name}"): sync_mode "${configured.sync_mode}" is not ` +
          `supported; use ${modes.map((m) => `"${m}"`).join(" or ")}`,
      );
    }
    if (seen.has(name)) throw new ConfigError(`Invalid catalog: stream "${name}" is listed twice`);
    seen.add(name);
    selections.push({ name, mode: configured.sync_mode as SyncMode });
  }
  if (selections.length === 0) throw new ConfigError("Invalid catalog: no stream is selected");
  return selections;
}
