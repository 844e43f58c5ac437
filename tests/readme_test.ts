/**
 * The README's reference tables are checked against the code: the config
 * table against `spec`, the stream table against the registry.
 */
import { deepEqual } from "node:assert/strict";
import { spec } from "../source.ts";
import { STREAMS } from "../streams/mod.ts";
import { airbyteStream } from "../streams/catalog.ts";

const README = await Deno.readTextFile(new URL("../README.md", import.meta.url));

/** The rows of the first markdown table after `heading`. */
function firstTable(heading: string): string[][] {
  const section = README.slice(README.indexOf(heading));
  const start = section.indexOf("\n|");
  const block = section.slice(start + 1).split("\n");
  const rows: string[][] = [];
  for (const line of block.slice(2)) {
    if (!line.startsWith("|")) break;
    rows.push(line.split("|").slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}

const code = (cell: string) => cell.replaceAll("`", "");

Deno.test("README's config table lists exactly the fields of spec, with their defaults", () => {
  const message = spec();
  if (message.type !== "SPEC") throw new Error("expected SPEC");
  const properties = message.spec.connectionSpecification.properties as Record<
    string,
    { default?: unknown }
  >;
  const rows = firstTable("## Configuration");
  deepEqual(rows.map((r) => code(r[0]!)).sort(), Object.keys(properties).sort());
  for (const row of rows) {
    const field = properties[code(row[0]!)]!;
    const documented = code(row[2]!);
    deepEqual(documented, field.default === undefined ? documented : String(field.default), row[0]);
  }
});

Deno.test("README's stream table matches the registry: names, sync modes, keys and cursors", () => {
  const rows = firstTable("## Streams");
  deepEqual(rows.map((r) => code(r[0]!)), STREAMS.map((s) => s.name));
  for (const [i, def] of STREAMS.entries()) {
    const stream = airbyteStream(def);
    const [, modes, key, cursor] = rows[i]!;
    deepEqual(modes, stream.supported_sync_modes.join(", "), `${def.name} sync modes`);
    const keys = (stream.source_defined_primary_key ?? []).map((p) => p.join(".")).join(" + ");
    deepEqual(code(key!), keys || "none", `${def.name} primary key`);
    deepEqual(code(cursor!), stream.default_cursor_field?.[0] ?? "", `${def.name} cursor`);
  }
});
