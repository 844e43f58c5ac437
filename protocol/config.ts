/**
 * The connector's configuration: one zod schema that both validates the
 * user's config file and generates the `connectionSpecification` of `spec`.
 *
 * @module
 */
import { z } from "zod";
import { ConfigError } from "../pipeline/errors.ts";

const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;
const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const HOST_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** The Airbyte config of the Twilio source. */
export const Config = z.strictObject({
  account_sid: z.string().regex(ACCOUNT_SID, "must be AC followed by 32 hex digits")
    .meta({
      title: "Account SID",
      description: "Your Twilio Account SID (Console > Account info). Used in every request path.",
      order: 0,
    }),
  auth_token: z.string().min(1).optional().meta({
    title: "Auth Token",
    description:
      "The account's Auth Token. Leave it empty when you authenticate with an API key instead.",
    airbyte_secret: true,
    order: 1,
  }),
  api_key: z.strictObject({
    sid: z.string().regex(/^SK[0-9a-fA-F]{32}$/, "must be SK followed by 32 hex digits").meta({
      title: "API key SID",
    }),
    secret: z.string().min(1).meta({ title: "API key secret", airbyte_secret: true }),
  }).optional().meta({
    title: "API key",
    description: "A Standard or Main API key of the account, used instead of the Auth Token.",
    order: 2,
  }),
  start_date: z.string().regex(
    /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$/,
    "must be a UTC timestamp YYYY-MM-DDTHH:MM:SSZ",
  ).meta({
    title: "Start date",
    description: "UTC date and time from which to replicate data, e.g. 2020-10-01T00:00:00Z.",
    examples: ["2020-10-01T00:00:00Z"],
    format: "date-time",
    order: 3,
  }),
  lookback_window: z.int().min(0).max(576000).default(0).meta({
    title: "Lookback window (minutes)",
    description:
      "How many minutes before the saved cursor each incremental sync starts, to catch late changes.",
    examples: [60],
    order: 4,
  }),
  slice_step: z.string().regex(ISO_DURATION, "must be an ISO 8601 duration such as P1D or PT6H")
    .optional().meta({
      title: "Slice step",
      description: "Longest incremental date window (ISO 8601 duration). By default windows " +
        "are sized by the data: an empty span is one request, a dense one is cut into windows " +
        "of about ten pages.",
      examples: ["P1D", "PT6H", "P1M"],
      order: 5,
    }),
  region: z.string().regex(HOST_LABEL, "must be a region id such as ie1 or au1").optional().meta({
    title: "Region",
    description: "Twilio region for data residency (e.g. ie1, au1). Empty means US1.",
    order: 6,
  }),
  edge: z.string().regex(HOST_LABEL, "must be an edge name such as dublin or sydney").optional()
    .meta({
      title: "Edge",
      description: "Twilio edge location to connect through (e.g. dublin, sydney).",
      order: 7,
    }),
  max_concurrency: z.int().min(1).max(100).default(10).meta({
    title: "Max concurrency",
    description:
      "Upper bound on requests in flight. Twilio limits concurrent requests per account; " +
      "the connector adapts below this bound when Twilio answers 429.",
    order: 8,
  }),
  request_timeout_seconds: z.number().min(1).max(600).default(60).meta({
    title: "Request timeout (seconds)",
    order: 9,
  }),
  max_retries: z.int().min(0).max(50).default(8).meta({
    title: "Retries per request",
    description: "How often one request is retried on 429, 5xx, network errors or broken bodies.",
    order: 10,
  }),
  retry_budget: z.int().min(0).max(100000).optional().meta({
    title: "Retries per sync (replaced, ignored)",
    description: "No longer used; accepted so that existing configs stay valid. A sync no " +
      "longer counts its retries: it gives up only when it stops making progress, that is " +
      "when one request fails max_retries times in a row, when more than 90 % of the last " +
      "1,000 requests failed, or when no request has succeeded for 15 minutes.",
    deprecated: true,
    airbyte_hidden: true,
    order: 11,
  }),
  fail_on_invalid_records: z.boolean().default(false).meta({
    title: "Fail on invalid records",
    description: "By default a record that does not match its schema is emitted as received, " +
      "counted and logged. Turn this on to fail the stream instead.",
    order: 12,
  }),
  refresh_max_records: z.int().min(0).max(100000).default(1000).meta({
    title: "Re-read records: how many",
    description: "Messages and calls whose status was not final (or price not known) when read " +
      "are kept in the state and fetched again by SID on the next sync, this many at most per " +
      "stream. 0 turns this off.",
    order: 13,
  }),
  refresh_max_age_hours: z.int().min(1).max(24 * 400).default(72).meta({
    title: "Re-read records: for how long (hours)",
    description: "Records created longer ago than this are not fetched again.",
    order: 14,
  }),
  account_sids: z.array(z.string().regex(ACCOUNT_SID, "must be AC followed by 32 hex digits"))
    .min(1, "list at least one SID, or leave the field out to read every account").optional()
    .meta({
      title: "Accounts to read",
      description: "Read only these accounts: the main account's SID and/or its subaccounts' " +
        "SIDs. Leave empty to read the main account and (see include_subaccounts) every " +
        "subaccount.",
      order: 15,
    }),
  include_subaccounts: z.boolean().default(true).meta({
    title: "Include subaccounts",
    description: "Read the main account's subaccounts too. Off: the main account only.",
    order: 16,
  }),
  account_shard: z.strictObject({
    index: z.int().min(0).meta({ title: "Shard index", description: "0 to count - 1" }),
    count: z.int().min(1).max(1000).meta({ title: "Shard count" }),
  }).refine((shard) => shard.index < shard.count, {
    message: "index must be below count",
    path: ["index"],
  }).optional().meta({
    title: "Account shard",
    description: "Split a large account tree over several connections: this one reads the " +
      "accounts whose SID hashes to index (FNV-1a 32-bit of the SID, modulo count). Give " +
      "each of count connections its own index, 0 to count - 1.",
    order: 17,
  }),
  base_url: z.url({ protocol: /^https?$/ }).optional().meta({
    title: "Base URL override",
    description: "Send every request to this origin instead of *.twilio.com, as " +
      "{base_url}/{product}{path}. For the built-in simulator and proxies; leave empty.",
    airbyte_hidden: true,
    order: 18,
  }),
});

/** A validated config, defaults applied. */
export type Config = z.infer<typeof Config>;

/** Keys written by Airbyte's own Twilio connector that this one understands or may ignore. */
const FOREIGN_KEYS: Record<string, string | null> = {
  slice_step_duration: "slice_step",
  num_workers: "max_concurrency",
  num_worker: "max_concurrency",
  page_size: null,
};

/** Validates a parsed config file; throws a {@linkcode ConfigError} naming the first bad field. */
export function parseConfig(raw: unknown, now: number = Date.now()): Config {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ConfigError("Invalid config: expected a JSON object");
  }
  const input: Record<string, unknown> = { ...raw };
  for (const [key, target] of Object.entries(FOREIGN_KEYS)) {
    if (!(key in input)) continue;
    if (target !== null && !(target in input)) input[target] = input[key];
    delete input[key];
  }
  const result = Config.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join(".") ?? "";
    const detail = issue?.code === "unrecognized_keys"
      ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")}`
      : issue?.message ?? "invalid";
    throw new ConfigError(`Invalid config: ${field ? `${field}: ` : ""}${detail}`);
  }
  const config = result.data;
  const start = Date.parse(config.start_date);
  if (
    Number.isNaN(start) || new Date(start).toISOString().slice(0, 19) + "Z" !== config.start_date
  ) {
    throw new ConfigError(`Invalid config: start_date: ${config.start_date} is not a real date`);
  }
  if (start > now) {
    throw new ConfigError(`Invalid config: start_date: ${config.start_date} is in the future`);
  }
  if (config.auth_token === undefined && config.api_key === undefined) {
    throw new ConfigError(
      "Invalid config: auth_token: missing; give auth_token, or api_key with sid and secret",
    );
  }
  if (config.auth_token !== undefined && config.api_key !== undefined) {
    throw new ConfigError("Invalid config: auth_token: give auth_token or api_key, not both");
  }
  const others = config.account_sids?.filter((sid) => !sameSid(sid, config.account_sid)) ?? [];
  if (!config.include_subaccounts && others.length > 0) {
    throw new ConfigError(
      `Invalid config: account_sids: ${
        others[0]
      } is not the main account (${config.account_sid}), ` +
        "and include_subaccounts is false; turn it on or list the main account only",
    );
  }
  return config;
}

/** Whether two account SIDs are the same (the hex digits in either case). */
export function sameSid(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The Basic-auth credentials a config implies. */
export function credentialsOf(config: Config): { username: string; password: string } {
  if (config.api_key) return { username: config.api_key.sid, password: config.api_key.secret };
  return { username: config.account_sid, password: config.auth_token ?? "" };
}

/**
 * Every secret value of a config, for redaction of anything printed. Works on
 * a raw config too, valid or not, so a failing command masks them as well.
 */
export function secretsOf(config: unknown): string[] {
  if (typeof config !== "object" || config === null) return [];
  const c = config as { auth_token?: unknown; api_key?: { secret?: unknown } | null };
  return [c.auth_token, c.api_key?.secret].filter((s): s is string =>
    typeof s === "string" && s.length > 0
  );
}
