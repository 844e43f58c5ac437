import { deepEqual, equal, ok } from "node:assert/strict";
import { connectorSpecification, DOCUMENTATION_URL } from "../../protocol/spec.ts";
import { Config, parseConfig } from "../../protocol/config.ts";

type Json = Record<string, unknown>;

const SPEC = connectorSpecification();
const SCHEMA = SPEC.connectionSpecification;
const PROPERTIES = SCHEMA.properties as Record<string, Json>;

/** Every object node of a JSON value, arrays included. */
function* nodes(value: unknown): Generator<Json> {
  if (Array.isArray(value)) {
    for (const item of value) yield* nodes(item);
  } else if (typeof value === "object" && value !== null) {
    yield value as Json;
    for (const child of Object.values(value)) yield* nodes(child);
  }
}

Deno.test("connectorSpecification() describes the connector", () => {
  equal(SPEC.documentationUrl, DOCUMENTATION_URL);
  equal(SCHEMA.type, "object");
  equal(SCHEMA.title, "Twilio Source Spec");
  ok(typeof SPEC.protocol_version === "string");
});

Deno.test("connectorSpecification() requires account_sid and start_date only", () => {
  const required = SCHEMA.required as string[];
  ok(required.includes("account_sid"));
  ok(required.includes("start_date"));
  for (const optional of ["auth_token", "api_key", "lookback_window", "base_url", "slice_step"]) {
    equal(required.includes(optional), false, optional);
  }
});

Deno.test("connectorSpecification() gives account_sid its pattern", () => {
  const pattern = new RegExp(PROPERTIES.account_sid!.pattern as string);
  equal(PROPERTIES.account_sid!.type, "string");
  ok(pattern.test("AC0123456789abcdef0123456789abcdef"));
  ok(!pattern.test("AC0123"));
  ok(!pattern.test("SK0123456789abcdef0123456789abcdef"));
});

Deno.test("connectorSpecification() marks the credentials as secrets", () => {
  equal(PROPERTIES.auth_token!.airbyte_secret, true);
  const apiKey = PROPERTIES.api_key!.properties as Record<string, Json>;
  equal(apiKey.secret!.airbyte_secret, true);
  equal(apiKey.sid!.airbyte_secret, undefined);
  equal(PROPERTIES.account_sid!.airbyte_secret, undefined);
});

Deno.test("connectorSpecification() gives start_date a UTC timestamp pattern", () => {
  const start = PROPERTIES.start_date!;
  equal(start.type, "string");
  const pattern = new RegExp(start.pattern as string);
  ok(pattern.test("2020-10-01T00:00:00Z"));
  ok(!pattern.test("2020-10-01"));
  ok(!pattern.test("2020-10-01T00:00:00.000Z"));
});

Deno.test("connectorSpecification() bounds lookback_window to 0..576000 with default 0", () => {
  const lookback = PROPERTIES.lookback_window!;
  equal(lookback.type, "integer");
  equal(lookback.minimum, 0);
  equal(lookback.maximum, 576000);
  equal(lookback.default, 0);
});

Deno.test("connectorSpecification() offers base_url as a hidden string", () => {
  const base = PROPERTIES.base_url!;
  equal(base.type, "string");
  equal(base.airbyte_hidden, true);
});

Deno.test("connectorSpecification() has no additionalProperties: false anywhere", () => {
  for (const node of nodes(SCHEMA)) {
    equal(node.additionalProperties === false, false, JSON.stringify(node));
  }
});

Deno.test("connectorSpecification() lists every config field", () => {
  deepEqual(Object.keys(PROPERTIES).sort(), Object.keys(Config.shape).sort());
});

Deno.test("connectorSpecification() defaults are accepted by parseConfig()", () => {
  const config: Json = {
    account_sid: "AC0123456789abcdef0123456789abcdef",
    auth_token: "token",
    start_date: "2020-10-01T00:00:00Z",
  };
  for (const [name, property] of Object.entries(PROPERTIES)) {
    if ("default" in property) config[name] = property.default;
  }
  const parsed = parseConfig(config, Date.parse("2024-01-01T00:00:00Z")) as Json;
  for (const [name, property] of Object.entries(PROPERTIES)) {
    if ("default" in property) deepEqual(parsed[name], property.default, name);
  }
});
