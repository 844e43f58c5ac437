/**
 * Page texts for the throughput bench: real `messages` pages of the simulator
 * (RFC 2822 dates, numeric strings), fetched once over HTTP from an in-process
 * simulator and kept as the raw JSON texts the connector would receive.
 *
 * @module
 */
import { startSimulator } from "../simulator/mod.ts";
import { basic } from "../tests/simulator/_helpers.ts";

/** Raw page texts and what they hold. */
export interface PageTexts {
  /** One JSON body per page, as served. */
  texts: string[];
  /** The auth token of the simulated account (a secret the serializer masks). */
  authToken: string;
}

/** Records per page: the largest page Twilio's Messages list gives. */
const PAGE_SIZE = 1000;

/** Fetches `count` simulated messages as pages of 1000, following `next_page_uri`. */
export async function messagePages(count: number): Promise<PageTexts> {
  await using sim = await startSimulator({ seed: 6, subaccounts: 0, counts: { messages: count } });
  const headers = { authorization: basic(sim.accountSid, sim.authToken) };
  const texts: string[] = [];
  let records = 0;
  let next: string | null =
    `/2010-04-01/Accounts/${sim.accountSid}/Messages.json?PageSize=${PAGE_SIZE}`;
  while (next) {
    const response = await fetch(`${sim.url}/api${next}`, { headers });
    const text = await response.text();
    if (!response.ok) throw new Error(`Simulator answered ${response.status}: ${text}`);
    const page = JSON.parse(text) as { messages: unknown[]; next_page_uri: string | null };
    records += page.messages.length;
    texts.push(text);
    next = page.next_page_uri;
  }
  if (records !== count) throw new Error(`Expected ${count} messages, got ${records}`);
  return { texts, authToken: sim.authToken };
}
