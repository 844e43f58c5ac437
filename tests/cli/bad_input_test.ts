import { equal } from "node:assert/strict";
import { assertConfigError, cli, SECRET } from "./_cli.ts";
import { catalogOf, configFor, daysAgo, errorsOf, recordsOf } from "../_helpers.ts";
import { startSimulator } from "../../simulator/mod.ts";
import type { JsonObject } from "../../protocol/messages.ts";
import { airbyteStream } from "../../streams/catalog.ts";
import { REGISTRY } from "../../streams/mod.ts";

/** A bad input of `read`, the files it replaces, and what the error must say. */
interface BadInput {
  name: string;
  files: (config: JsonObject) => { config?: unknown; catalog?: unknown; state?: unknown };
  patterns: RegExp[];
}

const UNKNOWN_STREAM = "__AIRBYTE__stream_that_does_not_exist";
const ACCOUNTS = airbyteStream(REGISTRY.get("accounts")!) as unknown as JsonObject;

const BAD_INPUTS: BadInput[] = [
  {
    name: "a config file that is not JSON",
    files: () => ({ config: `{"auth_token": ${SECRET}}` }),
    patterns: [/config file/, /not valid JSON/],
  },
  {
    name: "a config without auth_token or api_key",
    files: ({ auth_token: _, ...config }) => ({ config }),
    patterns: [/auth_token/, /api_key/],
  },
  {
    name: "a start_date that is not a real date",
    files: (config) => ({ config: { ...config, start_date: "2021-13-45T00:00:00Z" } }),
    patterns: [/start_date/, /2021-13-45T00:00:00Z/, /not a real date/],
  },
  {
    name: "a start_date in the future",
    files: (config) => ({ config: { ...config, start_date: daysAgo(-2) } }),
    patterns: [/start_date/, /future/],
  },
  {
    name: "an unknown config field",
    files: (config) => ({ config: { ...config, auth_tokn: SECRET } }),
    patterns: [/unknown field/, /auth_tokn/],
  },
  {
    name: "a catalog naming an unknown stream (Airbyte's acceptance tests)",
    files: () => ({ catalog: configured({ name: UNKNOWN_STREAM }, "INVALID") }),
    patterns: [/unknown stream/, new RegExp(UNKNOWN_STREAM)],
  },
  {
    name: "a sync_mode that is not a sync mode",
    files: () => ({ catalog: configured(ACCOUNTS, "INVALID") }),
    patterns: [/sync_mode/, /INVALID/, /accounts/],
  },
  {
    name: "a catalog file that is not JSON",
    files: () => ({ catalog: "streams: [accounts]" }),
    patterns: [/catalog file/, /not valid JSON/],
  },
  {
    name: "a state message without a stream descriptor",
    files: () => ({ state: [{ type: "STREAM", stream: {} }] }),
    patterns: [/state/, /stream_descriptor/],
  },
  {
    name: "a state whose cursor is not a date",
    files: () => ({ state: { messages: { date_sent: "not a date" } } }),
    patterns: [/state/, /messages/, /date_sent/, /not a date/],
  },
];

for (const { name, files, patterns } of BAD_INPUTS) {
  Deno.test(`main.ts read refuses ${name} with one config_error trace`, async () => {
    await using sim = await startSimulator();
    const inputs = {
      config: configFor(sim, { auth_token: SECRET }),
      catalog: catalogOf(["accounts", "messages"]),
      ...files(configFor(sim, { auth_token: SECRET })),
    };
    const args = ["read", "--config", "@config", "--catalog", "@catalog"];
    if ("state" in inputs) args.push("--state", "@state");
    assertConfigError(await cli(args, inputs), ...patterns);
    equal(sim.stats.requests, 0, "nothing may be read");
  });
}

Deno.test("main.ts read accepts a destination_sync_mode it does not know", async () => {
  await using sim = await startSimulator();
  const catalog = configured(ACCOUNTS, "full_refresh", {
    destination_sync_mode: "append_dedup_v2",
  });
  const run = await cli(
    ["read", "--config", "@config", "--catalog", "@catalog"],
    { config: configFor(sim), catalog },
    { secrets: [sim.authToken] },
  );
  equal(run.code, 0, run.stderr);
  equal(errorsOf(run.messages).length, 0, run.stdout);
  equal(recordsOf(run.messages, "accounts").length, sim.expected("accounts").length);
});

/** A catalog of one configured stream. */
function configured(stream: JsonObject, syncMode: string, extra: JsonObject = {}): JsonObject {
  return {
    streams: [{
      stream: { json_schema: {}, supported_sync_modes: ["full_refresh"], ...stream },
      sync_mode: syncMode,
      destination_sync_mode: "overwrite",
      ...extra,
    }],
  };
}
