/**
 * The registry-wide contract: every stream definition goes through the same
 * checks, static ones here and a simulator replay in `read_test.ts`.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { REGISTRY, STREAMS } from "../../streams/mod.ts";
import { airbyteStream } from "../../streams/catalog.ts";
import { BY_ACCOUNT, fillPath, matchPath } from "../../streams/_define.ts";
import { protocolErrors } from "../_protocol.ts";
import { SCHEMAS } from "../../schemas/mod.ts";
import { perAccountStreams } from "../_helpers.ts";

const NAMES = Object.keys(SCHEMAS);

Deno.test("STREAMS holds exactly the 40 catalog names, each once; REGISTRY adds the internal parents", () => {
  deepEqual([...STREAMS.map((s) => s.name)].sort(), [...NAMES].sort());
  equal(STREAMS.length, 40);
  const internal = [...REGISTRY.values()].filter((s) => s.internal).map((s) => s.name);
  deepEqual(internal, [
    "pricing_messaging_countries_list",
    "pricing_phone_number_countries_list",
    "pricing_voice_countries_list",
  ]);
  equal(REGISTRY.size, STREAMS.length + internal.length);
  ok(STREAMS.every((s) => !s.internal), "no internal stream is in the catalog");
});

for (const def of STREAMS) {
  Deno.test(`${def.name}: definition is consistent`, async () => {
    const stream = airbyteStream(def);
    deepEqual(await protocolErrors({ type: "CATALOG", catalog: { streams: [stream] } }), []);
    const properties = stream.json_schema.properties as Record<string, Record<string, unknown>>;
    for (const path of def.primaryKey) {
      const field = properties[path[0]!];
      ok(field, `primary key ${path.join(".")} is in the schema`);
      const types = [field.type].flat();
      ok(!types.includes("object") && !types.includes("array"), "primary key is a scalar");
    }
    if (def.incremental) {
      ok(properties[def.incremental.cursorField], "cursor field is in the schema");
      deepEqual(stream.default_cursor_field, [def.incremental.cursorField]);
      equal(stream.source_defined_cursor, true);
    } else {
      deepEqual(stream.supported_sync_modes, ["full_refresh"]);
    }
    if (def.parent) ok(REGISTRY.has(def.parent.stream), "parent exists");
    ok(def.pageSize >= 1 && def.pageSize <= 1000, "page size within Twilio's limits");
    const params = Object.fromEntries(
      [...def.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, `X${m[1]}`]),
    );
    deepEqual(matchPath(def.path, fillPath(def.path, params)), params);
  });
}

Deno.test("no parent chain loops", () => {
  for (const def of STREAMS) {
    const seen = new Set<string>();
    for (let d = def; d.parent; d = REGISTRY.get(d.parent.stream)!) {
      ok(!seen.has(d.name), `loop at ${d.name}`);
      seen.add(d.name);
    }
  }
});

Deno.test("BY_ACCOUNT skips closed subaccounts and partitions by account", () => {
  equal(BY_ACCOUNT.params({ sid: "AC1", status: "closed" }), undefined);
  deepEqual(BY_ACCOUNT.params({ sid: "AC1", status: "active" }), { AccountSid: "AC1" });
  deepEqual(BY_ACCOUNT.partition?.({ sid: "AC1" }), { account_sid: "AC1" });
});

Deno.test("every stream read per account on a product host declares account_sid in its schema", () => {
  const perAccount = perAccountStreams();
  ok(perAccount.length >= 13, "the 13 product-API streams (and any added since)");
  for (const name of perAccount) {
    const properties = airbyteStream(REGISTRY.get(name)!).json_schema.properties as object;
    ok("account_sid" in properties, name);
  }
});
