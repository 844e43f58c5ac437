/**
 * Credentials and regions, end to end against the simulator: an API key
 * (SID + secret) instead of the Auth Token, the key's secret never printed,
 * and `region` / `edge` choosing Twilio's regional hosts.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { check, spec } from "../source.ts";
import { type Simulator, startSimulator } from "../simulator/mod.ts";
import type { AirbyteMessage, JsonObject } from "../protocol/messages.ts";
import { catalogOf, configFor, errorsOf, logsOf, readAll, recordsOf } from "./_helpers.ts";

/** A config for the simulator that authenticates with `apiKey` instead of the Auth Token. */
function apiKeyConfig(
  sim: Simulator,
  apiKey: { sid: string; secret: string } = sim.apiKey,
  overrides: JsonObject = {},
): JsonObject {
  const { auth_token: _, ...config } = configFor(sim, { api_key: apiKey, ...overrides });
  return config;
}

/** A config without `base_url`: requests go to the real Twilio hosts (see {@linkcode routed}). */
function twilioConfig(sim: Simulator, overrides: JsonObject = {}): JsonObject {
  const { base_url: _, ...config } = configFor(sim, overrides);
  return config;
}

/** Every string a secret could leak as: itself and inside a Basic-auth header value. */
function leaks(messages: readonly AirbyteMessage[], sid: string, secret: string): string[] {
  const text = JSON.stringify(messages);
  return [secret, btoa(`${sid}:${secret}`)].filter((s) => text.includes(s));
}

function statuses(messages: readonly AirbyteMessage[]): Record<string, string> {
  const last: Record<string, string> = {};
  for (const m of messages) {
    if (m.type === "TRACE" && m.trace.type === "STREAM_STATUS") {
      last[m.trace.stream_status.stream_descriptor.name] = m.trace.stream_status.status;
    }
  }
  return last;
}

/** The records of `stream` (of account `account` only, when given), in a stable order. */
function sorted(messages: readonly AirbyteMessage[], stream: string, account?: string): string[] {
  return recordsOf(messages, stream)
    .filter((r) => account === undefined || r.account_sid === account)
    .map((r) => JSON.stringify(r)).sort();
}

/** A transport that records the Basic-auth user of every request and forwards it. */
function recordingUsers(users: Set<string>): typeof fetch {
  return (input, init) => {
    const header = new Headers(init?.headers).get("authorization") ?? "";
    users.add(atob(header.replace(/^Basic /, "")).split(":")[0] ?? "");
    return fetch(input, init);
  };
}

/**
 * A transport standing in for Twilio's hosts: it records the origin of every
 * request and forwards `https://P[.edge.region].twilio.com/X` to the
 * simulator's `${sim.url}/P/X`. Response bodies are passed through untouched.
 * That is enough for the streams the tests below read: 2010-API next-page
 * links are host-relative (resolved on the requested host, then rewritten
 * here), and the v1 lists (conversations, flows, verify services, trunks) fit
 * in one page at the simulator's default sizes (8, 4, 3 and 3 records against
 * page sizes of 100 and more), so their absolute `meta.next_page_url` (on the
 * simulator's own origin, which the connector rightly refuses to follow from
 * a twilio.com host) is always null.
 */
function routed(sim: Simulator, origins: Set<string>): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    origins.add(url.origin);
    const product = /^([a-z]+)(\.[a-z0-9-]+)*\.twilio\.com$/.exec(url.hostname)?.[1];
    if (url.protocol !== "https:" || product === undefined) {
      return Promise.reject(new TypeError(`unexpected host in ${url.origin}`));
    }
    return fetch(`${sim.url}/${product}${url.pathname}${url.search}`, init);
  };
}

const V1_AND_2010 = ["accounts", "conversations", "flows", "verify_services", "trunks"];

Deno.test("read() with an api_key returns the main account's records the auth token returns, and says so", async () => {
  await using sim = await startSimulator({ seed: 61 });
  const catalog = catalogOf(["accounts", "keys", "messages", "conversations"]);
  const now = () => sim.now;
  const users = new Set<string>();
  const withToken = await readAll(configFor(sim), catalog, { now });
  const withKey = await readAll(apiKeyConfig(sim), catalog, { now, fetch: recordingUsers(users) });
  deepEqual([...users], [sim.apiKey.sid], "every request authenticates as the key");
  deepEqual(errorsOf(withKey), []);
  // A main account's API key reaches that account's resources only; the list names every account.
  deepEqual(sorted(withKey, "accounts"), sorted(withToken, "accounts"), "accounts: the same");
  const tokenKeys = sorted(withToken, "keys");
  ok(sorted(withKey, "keys").every((key) => tokenKeys.includes(key)), "keys: the main account's");
  ok(sorted(withKey, "keys").length < tokenKeys.length, "keys: not the subaccounts'");
  for (const stream of ["messages", "conversations"]) {
    ok(recordsOf(withKey, stream).length > 0, `${stream}: records`);
    ok(recordsOf(withKey, stream).every((r) => r.account_sid === sim.accountSid), stream);
    deepEqual(sorted(withKey, stream), sorted(withToken, stream, sim.accountSid), stream);
    equal(statuses(withKey)[stream], "COMPLETE");
  }
  const warnings = logsOf(withKey, "WARN");
  equal(warnings.length, 1, "one WARN says what the key covered");
  match(warnings[0]!, /"keys", "messages", "conversations" read for 1 of 3 accounts/);
  for (const sid of sim.subaccountSids) ok(warnings[0]!.includes(sid), `names ${sid}`);
  deepEqual(leaks(withKey, sim.apiKey.sid, sim.apiKey.secret), [], "the key's secret is hidden");
  // The config has no auth_token, yet the token the accounts list returns is still redacted.
  ok(!JSON.stringify(withKey).includes(sim.authToken), "the account's auth token is hidden");
});

Deno.test("check() succeeds with an api_key instead of the auth token", async () => {
  await using sim = await startSimulator({ seed: 62 });
  const status = await check(apiKeyConfig(sim));
  deepEqual(status, {
    type: "CONNECTION_STATUS",
    connectionStatus: { status: "SUCCEEDED", message: "Reads 3 of 3 accounts" },
  });
});

Deno.test("check() with a wrong api_key secret fails naming the credentials, not the secret", async () => {
  await using sim = await startSimulator({ seed: 63 });
  const wrong = {
    sid: sim.apiKey.sid,
    secret: `${sim.apiKey.secret.slice(0, 16)}${"f".repeat(16)}`,
  };
  const status = await check(apiKeyConfig(sim, wrong));
  if (status.type !== "CONNECTION_STATUS") throw new Error(`expected a status: ${status.type}`);
  equal(status.connectionStatus.status, "FAILED");
  match(status.connectionStatus.message ?? "", /credentials/);
  deepEqual(leaks([status], wrong.sid, wrong.secret), []);
  deepEqual(leaks([status], sim.apiKey.sid, sim.apiKey.secret), []);
});

Deno.test("check() refuses a config with both auth_token and api_key", async () => {
  await using sim = await startSimulator({ seed: 64 });
  const status = await check(configFor(sim, { api_key: sim.apiKey }));
  if (status.type !== "CONNECTION_STATUS") throw new Error(`expected a status: ${status.type}`);
  equal(status.connectionStatus.status, "FAILED");
  match(status.connectionStatus.message ?? "", /auth_token or api_key/);
  deepEqual(leaks([status], sim.apiKey.sid, sim.apiKey.secret), []);
  equal(sim.stats.requests, 0, "nothing was sent");
});

Deno.test("read() with a wrong api_key secret fails without printing the secret", async () => {
  await using sim = await startSimulator({ seed: 65 });
  const wrong = { sid: sim.apiKey.sid, secret: "0123456789abcdef".repeat(2) };
  const messages = await readAll(apiKeyConfig(sim, wrong), catalogOf(["accounts", "alerts"]), {
    now: () => sim.now,
  });
  equal(recordsOf(messages, "accounts").length, 0);
  const failures = errorsOf(messages);
  ok(failures.length > 0, "the failure is reported");
  ok(failures.every((e) => e.failure_type === "config_error"), JSON.stringify(failures));
  ok(failures.some((e) => e.message.includes("401")), JSON.stringify(failures));
  deepEqual(statuses(messages), { accounts: "INCOMPLETE", alerts: "INCOMPLETE" });
  deepEqual(leaks(messages, wrong.sid, wrong.secret), []);
});

Deno.test("read() with region and edge sends every request to {product}.{edge}.{region}.twilio.com", async () => {
  await using sim = await startSimulator({ seed: 66 });
  const origins = new Set<string>();
  const config = twilioConfig(sim, { region: "ie1", edge: "dublin" });
  const messages = await readAll(config, catalogOf(V1_AND_2010), {
    now: () => sim.now,
    fetch: routed(sim, origins),
  });
  deepEqual(errorsOf(messages), []);
  deepEqual([...origins].sort(), [
    "https://api.dublin.ie1.twilio.com",
    "https://conversations.dublin.ie1.twilio.com",
    "https://studio.dublin.ie1.twilio.com",
    "https://trunking.dublin.ie1.twilio.com",
    "https://verify.dublin.ie1.twilio.com",
  ]);
  for (const stream of V1_AND_2010) {
    const sids = (records: readonly JsonObject[]) => records.map((r) => String(r.sid)).sort();
    ok(recordsOf(messages, stream).length > 0, `${stream}: records`);
    deepEqual(sids(recordsOf(messages, stream)), sids(sim.expected(stream)), stream);
    equal(statuses(messages)[stream], "COMPLETE");
  }
});

Deno.test("read() without region and edge sends requests to {product}.twilio.com", async () => {
  await using sim = await startSimulator({ seed: 67 });
  const origins = new Set<string>();
  const messages = await readAll(twilioConfig(sim), catalogOf(["accounts", "conversations"]), {
    now: () => sim.now,
    fetch: routed(sim, origins),
  });
  deepEqual(errorsOf(messages), []);
  deepEqual([...origins].sort(), ["https://api.twilio.com", "https://conversations.twilio.com"]);
  equal(recordsOf(messages, "accounts").length, sim.expected("accounts").length);
  equal(recordsOf(messages, "conversations").length, sim.expected("conversations").length);
});

Deno.test("check() with region, edge and an api_key asks the regional api host", async () => {
  await using sim = await startSimulator({ seed: 68 });
  const origins = new Set<string>();
  const { base_url: _, ...config } = apiKeyConfig(sim, sim.apiKey, {
    region: "au1",
    edge: "sydney",
  });
  const status = await check(config, { fetch: routed(sim, origins) });
  deepEqual(status, {
    type: "CONNECTION_STATUS",
    connectionStatus: { status: "SUCCEEDED", message: "Reads 3 of 3 accounts" },
  });
  deepEqual([...origins], ["https://api.sydney.au1.twilio.com"]);
});

Deno.test("read() with only an edge uses the us1 region", async () => {
  await using sim = await startSimulator({ seed: 69 });
  const origins = new Set<string>();
  const messages = await readAll(twilioConfig(sim, { edge: "ashburn" }), catalogOf(["accounts"]), {
    now: () => sim.now,
    fetch: routed(sim, origins),
  });
  deepEqual(errorsOf(messages), []);
  deepEqual([...origins], ["https://api.ashburn.us1.twilio.com"]);
});

Deno.test("spec() offers api_key with a secret field, region and edge", () => {
  const message = spec();
  if (message.type !== "SPEC") throw new Error(`expected SPEC: ${message.type}`);
  const properties = message.spec.connectionSpecification.properties as Record<string, JsonObject>;
  const apiKey = properties.api_key;
  ok(apiKey, "api_key is offered");
  equal(apiKey.type, "object");
  const key = apiKey.properties as Record<string, JsonObject>;
  equal(key.sid?.type, "string");
  equal(key.secret?.type, "string");
  equal(key.secret?.airbyte_secret, true);
  equal(key.sid?.airbyte_secret, undefined);
  deepEqual([...(apiKey.required as string[])].sort(), ["secret", "sid"]);
  equal(properties.auth_token?.airbyte_secret, true);
  for (const name of ["region", "edge"]) {
    equal(properties[name]?.type, "string", name);
    ok(typeof properties[name]?.description === "string", name);
  }
  const required = message.spec.connectionSpecification.required as string[];
  for (const optional of ["auth_token", "api_key", "region", "edge"]) {
    ok(!required.includes(optional), `${optional} is optional`);
  }
});
