import { deepEqual, equal, throws } from "node:assert/strict";
import { syncCatalog } from "../../sync/catalog.ts";
import { ConfigError } from "../../pipeline/errors.ts";
import { STREAMS } from "../../streams/mod.ts";
import { catalogOf } from "../_helpers.ts";

Deno.test("syncCatalog() selects every stream, incremental where offered, and narrows to --streams", () => {
  const all = syncCatalog();
  equal(all.selections.length, STREAMS.length);
  deepEqual(
    all.selections.map((s) => s.mode),
    STREAMS.map((d) => d.incremental ? "incremental" : "full_refresh"),
  );
  const two = syncCatalog(undefined, ["queues", " messages"]);
  deepEqual(two.selections, [
    { name: "messages", mode: "incremental" },
    { name: "queues", mode: "full_refresh" },
  ]);
  equal((two.catalog.streams as unknown[]).length, 2);
});

Deno.test("syncCatalog() refuses unknown names and names the given catalog does not select", () => {
  throws(() => syncCatalog(undefined, ["mesages"]), (e) => {
    return e instanceof ConfigError && e.message.startsWith("Unknown stream in --streams: mesages");
  });
  throws(() => syncCatalog(catalogOf({ calls: "full_refresh" }), ["messages"]), (e) => {
    return e instanceof ConfigError && /does not select: messages/.test(e.message);
  });
  deepEqual(syncCatalog(catalogOf({ calls: "full_refresh" })).selections, [
    { name: "calls", mode: "full_refresh" },
  ]);
});
