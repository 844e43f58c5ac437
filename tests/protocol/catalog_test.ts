import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { ConfigError } from "../../pipeline/errors.ts";
import { type Offer, parseCatalog, type SyncMode } from "../../protocol/catalog.ts";

const MODES: Record<string, readonly SyncMode[]> = {
  calls: ["full_refresh", "incremental"],
  accounts: ["full_refresh"],
};
const offer: Offer = (name) => MODES[name];

function configured(name: string, syncMode: string, extra: Record<string, unknown> = {}) {
  return {
    stream: { name, json_schema: {}, supported_sync_modes: MODES[name] ?? [] },
    sync_mode: syncMode,
    destination_sync_mode: "append",
    ...extra,
  };
}

function refuses(raw: unknown, ...patterns: RegExp[]): void {
  throws(
    () => parseCatalog(raw, offer),
    (error: unknown) => {
      ok(error instanceof ConfigError, String(error));
      ok(error.message.startsWith("Invalid catalog: "), error.message);
      for (const pattern of patterns) ok(pattern.test(error.message), error.message);
      return true;
    },
  );
}

Deno.test("parseCatalog() returns the selected streams and their sync modes", () => {
  deepEqual(
    parseCatalog({
      streams: [configured("calls", "incremental"), configured("accounts", "full_refresh")],
    }, offer),
    [{ name: "calls", mode: "incremental" }, { name: "accounts", mode: "full_refresh" }],
  );
});

Deno.test("parseCatalog() accepts destination sync modes and fields it does not know", () => {
  const raw = {
    streams: [
      configured("calls", "full_refresh", {
        destination_sync_mode: "overwrite_dedup",
        cursor_field: ["date_created"],
        primary_key: [["sid"]],
        generation_id: 3,
        minimum_generation_id: 0,
        sync_id: 99,
      }),
      configured("accounts", "full_refresh", { destination_sync_mode: "soft_delete" }),
    ],
    future_field: true,
  };
  deepEqual(parseCatalog(raw, offer), [
    { name: "calls", mode: "full_refresh" },
    { name: "accounts", mode: "full_refresh" },
  ]);
  const { destination_sync_mode: _, ...withoutDestination } = configured("calls", "incremental");
  deepEqual(parseCatalog({ streams: [withoutDestination] }, offer), [{
    name: "calls",
    mode: "incremental",
  }]);
});

Deno.test("parseCatalog() refuses an unknown stream", () => {
  refuses(
    { streams: [configured("calls", "incremental"), configured("faxes", "full_refresh")] },
    /streams\[1\]/,
    /unknown stream "faxes"/,
  );
});

Deno.test("parseCatalog() refuses a sync mode the stream does not support", () => {
  refuses(
    { streams: [configured("accounts", "incremental")] },
    /"accounts"/,
    /sync_mode "incremental"/,
    /"full_refresh"/,
  );
  refuses({ streams: [configured("calls", "append")] }, /"calls"/, /sync_mode "append"/);
});

Deno.test("parseCatalog() refuses a stream without sync_mode", () => {
  const { sync_mode: _, ...entry } = configured("calls", "incremental");
  refuses({ streams: [entry] }, /streams\.0\.sync_mode/);
});

Deno.test("parseCatalog() refuses a stream listed twice", () => {
  refuses(
    { streams: [configured("calls", "incremental"), configured("calls", "full_refresh")] },
    /"calls" is listed twice/,
  );
});

Deno.test("parseCatalog() refuses an empty catalog", () => {
  refuses({ streams: [] }, /no stream/);
});

Deno.test("parseCatalog() refuses a catalog of the wrong shape", () => {
  refuses(null, /\(root\)/);
  refuses({}, /streams/);
  refuses({ streams: {} }, /streams/);
  refuses({ streams: [{ sync_mode: "full_refresh" }] }, /streams\.0\.stream/);
  refuses(
    { streams: [{ stream: { name: "" }, sync_mode: "full_refresh" }] },
    /streams\.0\.stream\.name/,
  );
  refuses(
    { streams: [configured("calls", "incremental", { cursor_field: "date_created" })] },
    /cursor_field/,
  );
});

Deno.test("parseCatalog() errors are config errors", () => {
  try {
    parseCatalog({ streams: [] }, offer);
    ok(false, "an empty catalog was accepted");
  } catch (error) {
    ok(error instanceof ConfigError);
    equal(error.failureType, "config_error");
  }
});
