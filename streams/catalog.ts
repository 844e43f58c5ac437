/**
 * `discover`'s view of the registry: one `AirbyteStream` per definition, with
 * the `json_schema` generated from the zod schema that validates the records.
 *
 * @module
 */
import { toJsonSchema } from "../schemas/_common.ts";
import type { AirbyteStream } from "../protocol/messages.ts";
import type { SyncMode } from "../protocol/catalog.ts";
import type { StreamDefinition } from "./_define.ts";

/** The sync modes a definition supports. */
export function syncModes(def: StreamDefinition): SyncMode[] {
  return def.incremental ? ["full_refresh", "incremental"] : ["full_refresh"];
}

/** The catalog entry of a definition. */
export function airbyteStream(def: StreamDefinition): AirbyteStream {
  const stream: AirbyteStream = {
    name: def.name,
    json_schema: toJsonSchema(def.schema),
    supported_sync_modes: syncModes(def),
  };
  if (def.incremental) {
    stream.source_defined_cursor = true;
    stream.default_cursor_field = [def.incremental.cursorField];
    stream.is_resumable = true;
  }
  if (def.primaryKey.length > 0) {
    stream.source_defined_primary_key = def.primaryKey.map((path) => [...path]);
  }
  return stream;
}
