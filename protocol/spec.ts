/**
 * The `spec` command's payload, generated from the config's zod schema.
 *
 * @module
 */
import { z } from "zod";
import { Config } from "./config.ts";
import type { ConnectorSpecification, JsonObject } from "./messages.ts";

/** Where users read about the connector. */
export const DOCUMENTATION_URL = "https://github.com/twilio-source/twilio-source#readme";

/** The `ConnectorSpecification` of this source. */
export function connectorSpecification(): ConnectorSpecification {
  const schema = z.toJSONSchema(Config, { target: "draft-7", io: "input" }) as JsonObject;
  return {
    documentationUrl: DOCUMENTATION_URL,
    protocol_version: "0.2.0",
    connectionSpecification: { ...dropClosedObjects(schema), title: "Twilio Source Spec" },
  };
}

/**
 * The config rejects unknown fields itself, with a message naming them;
 * `additionalProperties: false` is left out of the spec because Airbyte's
 * tooling expects it absent or true.
 */
function dropClosedObjects(node: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "additionalProperties" && value === false) continue;
    out[key] = typeof value === "object" && value !== null && !Array.isArray(value)
      ? dropClosedObjects(value as JsonObject)
      : value;
  }
  return out;
}
