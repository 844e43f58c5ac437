/**
 * What a sync reads: a configured catalog (given, or every stream,
 * incremental where the stream supports it), narrowed to `--streams`.
 *
 * @module
 */
import { ConfigError } from "../pipeline/errors.ts";
import { parseCatalog, type Selection } from "../protocol/catalog.ts";
import type { JsonObject } from "../protocol/messages.ts";
import { syncModes } from "../streams/catalog.ts";
import { REGISTRY, STREAMS } from "../streams/mod.ts";

/** The catalog a sync passes to the read, and the mode of each stream in it. */
export interface SyncCatalog {
  /** A configured catalog, as `read` takes it. */
  catalog: JsonObject;
  /** The selected streams and their sync modes, in catalog order. */
  selections: Selection[];
}

/**
 * Builds the catalog of a sync. Without `catalog`, every stream of the
 * registry, incremental where offered. `streams` keeps only the streams it
 * names; a name that is not a stream (or not in the given catalog) is a
 * {@linkcode ConfigError}.
 */
export function syncCatalog(catalog?: unknown, streams?: readonly string[]): SyncCatalog {
  const raw = catalog ?? {
    streams: STREAMS.map((def) => {
      const mode = def.incremental ? "incremental" : "full_refresh";
      return {
        stream: { name: def.name, json_schema: {}, supported_sync_modes: syncModes(def) },
        sync_mode: mode,
        destination_sync_mode: mode === "incremental" ? "append" : "overwrite",
      };
    }),
  };
  let selections = parseCatalog(raw, (name) => {
    const def = REGISTRY.get(name);
    return def ? syncModes(def) : undefined;
  });
  if (streams === undefined) return { catalog: raw as JsonObject, selections };
  const wanted = new Set(streams.map((s) => s.trim()).filter((s) => s.length > 0));
  if (wanted.size === 0) throw new ConfigError("--streams names no stream");
  const unknown = [...wanted].filter((name) => !REGISTRY.has(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      `Unknown stream${unknown.length > 1 ? "s" : ""} in --streams: ${unknown.join(", ")} ` +
        `(streams: ${STREAMS.map((s) => s.name).join(", ")})`,
    );
  }
  const missing = [...wanted].filter((name) => !selections.some((s) => s.name === name));
  if (missing.length > 0) {
    throw new ConfigError(
      `--streams names streams the catalog does not select: ${missing.join(", ")}`,
    );
  }
  selections = selections.filter((s) => wanted.has(s.name));
  const configured = (raw as { streams: { stream: { name: string } }[] }).streams
    .filter((s) => wanted.has(s.stream.name));
  return { catalog: { ...(raw as JsonObject), streams: configured }, selections };
}
