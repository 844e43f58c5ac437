/**
 * Shared helpers of the pipeline unit tests.
 *
 * @module
 */

/** Lets every queued microtask and promise callback run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
