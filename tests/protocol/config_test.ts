import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { ConfigError } from "../../pipeline/errors.ts";
import { Config, credentialsOf, parseConfig, secretsOf } from "../../protocol/config.ts";

const ACCOUNT = "AC0123456789abcdef0123456789abcdef";
const KEY_SID = "SK0123456789abcdef0123456789abcdef";
const NOW = Date.parse("2024-06-01T00:00:00Z");
const BASE = {
  account_sid: ACCOUNT,
  auth_token: "token-value",
  start_date: "2020-10-01T00:00:00Z",
};

/** Asserts that `raw` is refused with a ConfigError whose message matches every pattern. */
function refuses(raw: unknown, ...patterns: RegExp[]): void {
  throws(
    () => parseConfig(raw, NOW),
    (error: unknown) => {
      ok(error instanceof ConfigError, `${JSON.stringify(raw)}: ${error}`);
      equal(error.failureType, "config_error");
      for (const pattern of patterns) ok(pattern.test(error.message), error.message);
      return true;
    },
    JSON.stringify(raw),
  );
}

Deno.test("parseConfig() applies defaults to a valid config", () => {
  const config = parseConfig(BASE, NOW);
  const expected: Record<string, unknown> = {
    ...BASE,
    lookback_window: 0,
    max_concurrency: 10,
    request_timeout_seconds: 60,
    max_retries: 8,
    fail_on_invalid_records: false,
  };
  for (const [key, value] of Object.entries(expected)) {
    deepEqual((config as Record<string, unknown>)[key], value, key);
  }
  for (const key of ["api_key", "slice_step", "region", "edge", "base_url", "retry_budget"]) {
    equal(key in config, false, key);
  }
});

Deno.test("parseConfig() keeps every optional field that is given", () => {
  const raw: Record<string, unknown> = {
    ...BASE,
    lookback_window: 60,
    slice_step: "PT6H",
    region: "ie1",
    edge: "dublin",
    max_concurrency: 3,
    request_timeout_seconds: 30,
    max_retries: 2,
    retry_budget: 50,
    fail_on_invalid_records: true,
    base_url: "http://127.0.0.1:4242",
  };
  const config = parseConfig(raw, NOW) as Record<string, unknown>;
  for (const [key, value] of Object.entries(raw)) deepEqual(config[key], value, key);
});

Deno.test("parseConfig() still accepts retry_budget of an old config; the spec says it is replaced", () => {
  equal(parseConfig({ ...BASE, retry_budget: 50 }, NOW).retry_budget, 50);
  equal(parseConfig({ ...BASE, retry_budget: 0 }, NOW).retry_budget, 0);
  const property = Config.shape.retry_budget.meta();
  ok(property?.description?.startsWith("No longer used"), property?.description);
  ok(property?.description?.includes("stops making progress"), property?.description);
  equal(property?.deprecated, true);
});

Deno.test("parseConfig() accepts an API key instead of an auth token", () => {
  const config = parseConfig({
    account_sid: ACCOUNT,
    api_key: { sid: KEY_SID, secret: "key-secret" },
    start_date: "2020-10-01T00:00:00Z",
  }, NOW);
  deepEqual(credentialsOf(config), { username: KEY_SID, password: "key-secret" });
  deepEqual(secretsOf(config), ["key-secret"]);
});

Deno.test("credentialsOf() uses the account sid and auth token", () => {
  deepEqual(credentialsOf(parseConfig(BASE, NOW)), { username: ACCOUNT, password: "token-value" });
  deepEqual(secretsOf(parseConfig(BASE, NOW)), ["token-value"]);
});

Deno.test("parseConfig() accepts the keys of Airbyte's Twilio connector", () => {
  const config = parseConfig(
    { ...BASE, slice_step_duration: "P7D", num_workers: 3, page_size: 50 },
    NOW,
  );
  equal(config.slice_step, "P7D");
  equal(config.max_concurrency, 3);
  equal("slice_step_duration" in config, false);
  equal("num_workers" in config, false);
  equal("page_size" in config, false);
});

Deno.test("parseConfig() prefers our own key over Airbyte's when both are given", () => {
  const config = parseConfig({ ...BASE, max_concurrency: 5, num_workers: 3 }, NOW);
  equal(config.max_concurrency, 5);
});

Deno.test("parseConfig() refuses something that is not an object", () => {
  for (const raw of [null, "config", 42, [BASE]]) refuses(raw, /^Invalid config: /);
});

Deno.test("parseConfig() names the field of a wrong type", () => {
  refuses({ ...BASE, account_sid: 12 }, /account_sid/);
  refuses({ ...BASE, lookback_window: "60" }, /lookback_window/);
  refuses({ ...BASE, fail_on_invalid_records: "yes" }, /fail_on_invalid_records/);
  refuses({ ...BASE, api_key: "SK1:secret", auth_token: undefined }, /api_key/);
});

Deno.test("parseConfig() names an unknown field", () => {
  refuses({ ...BASE, acount_sid: ACCOUNT }, /unknown field/, /"acount_sid"/);
  refuses(
    {
      account_sid: ACCOUNT,
      api_key: { sid: KEY_SID, secret: "s", extra: 1 },
      start_date: BASE.start_date,
    },
    /"extra"/,
  );
});

Deno.test("parseConfig() refuses a malformed account_sid", () => {
  for (
    const sid of [
      "",
      "AC123",
      "SK0123456789abcdef0123456789abcdef",
      `${ACCOUNT}0`,
      "AC0123456789abcdef0123456789abcdeg",
    ]
  ) {
    refuses({ ...BASE, account_sid: sid }, /account_sid/);
  }
});

Deno.test("parseConfig() refuses a start_date in another format", () => {
  for (
    const date of [
      "2020-10-01",
      "2020-10-01T00:00:00",
      "2020-10-01 00:00:00Z",
      "2020-10-01T00:00:00.000Z",
      "2020-10-01T00:00:00+00:00",
    ]
  ) {
    refuses({ ...BASE, start_date: date }, /start_date/);
  }
});

Deno.test("parseConfig() refuses a start_date that does not exist", () => {
  for (
    const date of [
      "2021-02-30T00:00:00Z",
      "2021-02-29T00:00:00Z",
      "2021-13-01T00:00:00Z",
      "2021-01-01T24:00:00Z",
      "2021-01-01T00:60:00Z",
    ]
  ) {
    refuses({ ...BASE, start_date: date }, /start_date/, /not a real date/);
  }
  equal(
    parseConfig({ ...BASE, start_date: "2020-02-29T00:00:00Z" }, NOW).start_date,
    "2020-02-29T00:00:00Z",
  );
});

Deno.test("parseConfig() refuses a start_date in the future of the given now", () => {
  refuses({ ...BASE, start_date: "2024-06-01T00:00:01Z" }, /start_date/, /future/);
  equal(
    parseConfig({ ...BASE, start_date: "2024-06-01T00:00:00Z" }, NOW).start_date,
    "2024-06-01T00:00:00Z",
  );
});

Deno.test("parseConfig() refuses a lookback_window out of range", () => {
  for (const lookback of [-1, 576001, 1.5]) {
    refuses({ ...BASE, lookback_window: lookback }, /lookback_window/);
  }
  equal(parseConfig({ ...BASE, lookback_window: 576000 }, NOW).lookback_window, 576000);
});

Deno.test("parseConfig() refuses other values out of range", () => {
  refuses({ ...BASE, max_concurrency: 0 }, /max_concurrency/);
  refuses({ ...BASE, num_workers: 1000 }, /max_concurrency/);
  refuses({ ...BASE, slice_step: "1 day" }, /slice_step/);
  refuses({ ...BASE, slice_step: "P" }, /slice_step/);
  refuses({ ...BASE, region: "IE1!" }, /region/);
  refuses({ ...BASE, base_url: "ftp://example.com" }, /base_url/);
});

Deno.test("parseConfig() needs exactly one of auth_token and api_key", () => {
  const { auth_token: _, ...neither } = BASE;
  refuses(neither, /auth_token/, /api_key/);
  refuses({ ...BASE, api_key: { sid: KEY_SID, secret: "key-secret" } }, /auth_token/, /api_key/);
  refuses({ ...BASE, auth_token: "" }, /auth_token/);
  refuses(
    { ...neither, api_key: { sid: "AC0123456789abcdef0123456789abcdef", secret: "s" } },
    /api_key\.sid/,
  );
});

Deno.test("parseConfig() never puts a secret in its error messages", () => {
  try {
    parseConfig({ ...BASE, auth_token: "very-secret-token", unknown_key: 1 }, NOW);
    ok(false, "parseConfig() accepted an unknown key");
  } catch (error) {
    ok(error instanceof ConfigError);
    ok(!error.message.includes("very-secret-token"), error.message);
  }
});
