/**
 * Studio data: flows, their executions and the executions' steps. Records carry the fields of
 * both v1 and v2 (`version` and `revision`), and the same data is served under /v1 and /v2.
 *
 * @module
 */

import type { Row } from "./_collection.ts";
import { childCount } from "./_counts.ts";
import { iso, SECOND_MS } from "./_dates.ts";
import { friendly, type GlobalContext, sortedTimes } from "./_gen_common.ts";
import { Rng, sidOf } from "./_random.ts";

const HOST = "https://studio.twilio.com/v2";
const EXECUTIONS = [0, 1, 6, 2] as const;
const STEPS = [1, 3, 0, 5] as const;
const STEP_NAMES = [
  "Trigger",
  "split_on_body",
  "send_reply",
  "http_lookup",
  "say_goodbye",
] as const;

/** Flows, executions (by flow SID) and steps (by execution SID). */
export interface StudioData {
  readonly flows: Row[];
  readonly executions: Map<string, Row[]>;
  readonly steps: Map<string, Row[]>;
}

/** Builds the Studio data. */
export function studioData(ctx: GlobalContext): StudioData {
  const rng = Rng.of(ctx.seed, "studio");
  const executions = new Map<string, Row[]>();
  const steps = new Map<string, Row[]>();
  let executionCount = 0;
  const flows = sortedTimes(rng, ctx.counts.flows, ctx.from, ctx.now).map((t, k) => {
    const sid = sidOf("FW", ctx.seed, "flow", k);
    const url = `${HOST}/Flows/${sid}`;
    const revision = rng.int(1, 9);
    const runs = sortedTimes(rng, childCount(k, EXECUTIONS), t, ctx.now).map((at, j) => {
      const esid = sidOf("FN", ctx.seed, sid, j);
      const eurl = `${url}/Executions/${esid}`;
      const n = childCount(executionCount++, STEPS);
      steps.set(esid, stepRows(ctx, sid, esid, eurl, at, n));
      const ended = j % 3 !== 2;
      return {
        sid: esid,
        account_sid: ctx.accountSid,
        flow_sid: sid,
        contact_channel_address: "+14155555555",
        contact_sid: sidOf("FC", ctx.seed, sid, j),
        flow_version: revision,
        context: {},
        status: ended ? "ended" : "active",
        date_created: iso(at),
        date_updated: ended ? iso(Math.min(ctx.now, at + n * SECOND_MS)) : null,
        initiated_by: sidOf("CA", ctx.seed, esid),
        url: eurl,
        links: { steps: `${eurl}/Steps`, execution_context: `${eurl}/Context` },
      };
    });
    executions.set(sid, runs);
    return {
      sid,
      account_sid: ctx.accountSid,
      author_sid: sidOf("US", ctx.seed, "author"),
      friendly_name: `${friendly(rng, k)} flow`,
      definition: null,
      status: k % 4 === 3 ? "draft" : "published",
      revision,
      version: revision,
      commit_message: k % 2 === 0 ? `Revision ${revision}` : null,
      valid: true,
      errors: [],
      warnings: [],
      date_created: iso(t),
      date_updated: iso(t),
      webhook_url: `https://webhooks.twilio.com/v1/Accounts/${ctx.accountSid}/Flows/${sid}`,
      url,
      links: {
        test_users: `${url}/TestUsers`,
        revisions: `${url}/Revisions`,
        executions: `${url}/Executions`,
        steps: `${url}/Steps`,
      },
    };
  });
  return { flows, executions, steps };
}

function stepRows(
  ctx: GlobalContext,
  flowSid: string,
  sid: string,
  url: string,
  t: number,
  n: number,
): Row[] {
  let parent: string | null = null;
  return Array.from({ length: n }, (_, j) => {
    const ssid = sidOf("FT", ctx.seed, sid, j);
    const at = iso(Math.min(ctx.now, t + j * SECOND_MS));
    const row = {
      sid: ssid,
      account_sid: ctx.accountSid,
      flow_sid: flowSid,
      execution_sid: sid,
      parent_step_sid: parent,
      name: STEP_NAMES[j % STEP_NAMES.length] ?? "step",
      context: {},
      transitioned_from: j === 0 ? "Trigger" : STEP_NAMES[(j - 1) % STEP_NAMES.length] ?? "step",
      transitioned_to: j === n - 1 ? "Ended" : STEP_NAMES[(j + 1) % STEP_NAMES.length] ?? "step",
      type: j === 0 ? "trigger" : "widget",
      date_created: at,
      date_updated: null,
      url: `${url}/Steps/${ssid}`,
      links: { step_context: `${url}/Steps/${ssid}/Context` },
    };
    parent = ssid;
    return row;
  });
}
