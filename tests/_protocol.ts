/**
 * Test helper: validates protocol messages and files against the official
 * Airbyte protocol schema (`shared/airbyte-protocol/airbyte_protocol.yaml`,
 * beside the repository), plus the checks the schema is too permissive for
 * (the payload key matches `type`, a STREAM state has `stream`, ...).
 *
 * @module
 */
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { load } from "js-yaml";

const SCHEMA_URL = new URL("../../shared/airbyte-protocol/airbyte_protocol.yaml", import.meta.url);

const PAYLOAD: Record<string, string> = {
  RECORD: "record",
  STATE: "state",
  LOG: "log",
  SPEC: "spec",
  CONNECTION_STATUS: "connectionStatus",
  CATALOG: "catalog",
  TRACE: "trace",
  CONTROL: "control",
};

type Validate = ((value: unknown) => boolean) & { errors?: unknown };

let validators: Promise<Record<string, Validate>> | undefined;

async function load_(): Promise<Record<string, Validate>> {
  const doc = load(await Deno.readTextFile(SCHEMA_URL)) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true });
  ajv.addKeyword("version");
  ajv.addKeyword("existingJavaType");
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  ajv.addSchema(doc);
  const id = doc.$id as string;
  const get = (name: string) => ajv.getSchema(`${id}#/definitions/${name}`) as Validate;
  return {
    AirbyteMessage: get("AirbyteMessage"),
    ConfiguredAirbyteCatalog: get("ConfiguredAirbyteCatalog"),
    AirbyteStateMessage: get("AirbyteStateMessage"),
  };
}

/** Validates `value` against a protocol definition; returns the problems (empty when valid). */
export async function protocolErrors(
  value: unknown,
  definition: "AirbyteMessage" | "ConfiguredAirbyteCatalog" | "AirbyteStateMessage" =
    "AirbyteMessage",
): Promise<string[]> {
  validators ??= load_();
  const validate = (await validators)[definition]!;
  const problems: string[] = [];
  if (!validate(value)) problems.push(JSON.stringify(validate.errors));
  if (definition === "AirbyteMessage") problems.push(...payloadErrors(value));
  return problems;
}

function payloadErrors(value: unknown): string[] {
  const message = value as Record<string, unknown>;
  const key = PAYLOAD[String(message.type)];
  if (!key) return [`unknown type ${message.type}`];
  const problems: string[] = [];
  for (const other of Object.values(PAYLOAD)) {
    if (other !== key && other in message) problems.push(`unexpected payload "${other}"`);
  }
  const payload = message[key] as Record<string, unknown> | undefined;
  if (typeof payload !== "object" || payload === null) return [...problems, `missing "${key}"`];
  if (message.type === "STATE") {
    if (payload.type !== "STREAM" || typeof payload.stream !== "object") {
      problems.push("STATE must be of type STREAM with a stream");
    }
    const stats = payload.sourceStats as Record<string, unknown> | undefined;
    if (typeof stats?.recordCount !== "number") problems.push("STATE without sourceStats");
  }
  if (message.type === "TRACE") {
    if (payload.type === "ERROR" && typeof payload.error !== "object") problems.push("no error");
    if (payload.type === "STREAM_STATUS" && typeof payload.stream_status !== "object") {
      problems.push("no stream_status");
    }
    if (!Number.isInteger(payload.emitted_at)) problems.push("fractional emitted_at");
  }
  if (message.type === "RECORD" && !Number.isInteger(payload.emitted_at)) {
    problems.push("fractional emitted_at");
  }
  return problems;
}

/** Parses stdout text into messages, asserting every line is a valid protocol message. */
export async function parseProtocolLines(stdout: string): Promise<Record<string, unknown>[]> {
  const messages: Record<string, unknown>[] = [];
  for (const line of stdout.split("\n")) {
    if (line === "") continue;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      throw new Error(`stdout line is not JSON: ${line.slice(0, 200)}`);
    }
    const problems = await protocolErrors(message);
    if (problems.length > 0) {
      throw new Error(`invalid protocol line ${line.slice(0, 300)}: ${problems.join("; ")}`);
    }
    messages.push(message as Record<string, unknown>);
  }
  return messages;
}
