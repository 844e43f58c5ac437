/**
 * The registry-wide contract against the simulator: a multi-page read of every
 * stream returns exactly the simulator's records (none missing, none twice),
 * and every record validates against the schema `discover` prints.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { startSimulator } from "../../simulator/mod.ts";
import { STREAMS } from "../../streams/mod.ts";
import { airbyteStream } from "../../streams/catalog.ts";
import type { JsonObject } from "../../protocol/messages.ts";
import {
  catalogOf,
  configFor,
  daysAgo,
  identities,
  readAll,
  recordsOf,
  statusesOf,
} from "../_helpers.ts";
import { parseProtocolLines } from "../_protocol.ts";

Deno.test("read() of all 40 streams, several pages each, returns exactly the simulator's records", async () => {
  await using sim = await startSimulator({ seed: 3, pageSizeCap: 4 });
  const catalog = catalogOf(STREAMS.map((s) => s.name));
  const config = configFor(sim);
  const since = new Date(String(config.start_date));
  const messages = await readAll(config, catalog);
  // Every message is valid protocol.
  await parseProtocolLines(messages.map((m) => JSON.stringify(m)).join("\n"));
  const ajv = new Ajv({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  for (const def of STREAMS) {
    const records = recordsOf(messages, def.name);
    const expected = sim.expected(def.name, def.incremental ? { since } : {}) as JsonObject[];
    ok(expected.length > 0, `the simulator has ${def.name} records`);
    deepEqual(identities(def, records), identities(def, expected), `${def.name}: same records`);
    const validate = ajv.compile(airbyteStream(def).json_schema);
    for (const record of records) {
      ok(validate(record), `${def.name} record valid: ${JSON.stringify(validate.errors)}`);
    }
    deepEqual(
      statusesOf(messages, def.name),
      ["STARTED", "RUNNING", "COMPLETE"],
      `${def.name} statuses`,
    );
  }
  const pages = sim.stats.requests;
  ok(pages > STREAMS.length * 2, "lists took several pages");
});

Deno.test("an incremental read from a recent start_date returns exactly the simulator's records since then", async () => {
  await using sim = await startSimulator({ seed: 3 });
  const config = configFor(sim, { start_date: daysAgo(20, sim.now) });
  const since = new Date(String(config.start_date));
  const incremental = STREAMS.filter((def) => def.incremental);
  const messages = await readAll(config, catalogOf(incremental.map((def) => def.name)), {
    now: () => sim.now,
  });
  for (const def of incremental) {
    const expected = sim.expected(def.name, { since }) as JsonObject[];
    deepEqual(identities(def, recordsOf(messages, def.name)), identities(def, expected), def.name);
  }
});

Deno.test("records keep every field Twilio sends, with ISO dates and typed numbers", async () => {
  await using sim = await startSimulator({ seed: 4 });
  const messages = await readAll(configFor(sim), catalogOf(["messages", "accounts"]));
  const records = recordsOf(messages, "messages");
  const raw = new Map((sim.expected("messages") as JsonObject[]).map((r) => [r.sid, r]));
  for (const record of records) {
    const original = raw.get(record.sid)!;
    deepEqual(Object.keys(record).sort(), Object.keys(original).sort(), "no field lost or added");
    ok(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(String(record.date_sent)));
    equal(Date.parse(String(record.date_sent)), Date.parse(String(original.date_sent)));
    equal(typeof record.num_media, "number");
    if (original.price !== null) equal(record.price, Number(original.price));
  }
  const accounts = recordsOf(messages, "accounts");
  ok(accounts.length >= 2);
  for (const account of accounts) {
    ok(account.auth_token === null || account.auth_token === "**********", "auth_token redacted");
  }
});
