/**
 * A fixed clock for read tests against the simulator. The simulator's fault
 * decisions hash each request's method, path and query, and the query holds
 * dates: a simulator whose clock moves with the day would move its faults to
 * other requests every day.
 *
 * @module
 */
import { type Simulator, type SimulatorOptions, startSimulator } from "../../simulator/mod.ts";
import type { JsonObject } from "../../protocol/messages.ts";
import { configFor, daysAgo } from "../_helpers.ts";

/** The simulator's clock in these tests. */
export const NOW = Date.parse("2025-06-01T12:00:00Z");

/** A simulator whose clock stands at {@linkcode NOW}. */
export function simAt(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ now: NOW, ...options });
}

/** A config for `sim` that starts 90 days before {@linkcode NOW}. */
export function configAt(sim: Simulator, overrides: JsonObject = {}): JsonObject {
  return configFor(sim, { start_date: daysAgo(90, NOW), ...overrides });
}
