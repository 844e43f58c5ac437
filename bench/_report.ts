/**
 * Small helpers of the report: statistics, number formatting, a text table and
 * PASS/FAIL verdicts.
 *
 * @module
 */

/** The median of `values` (NaN for none). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `123456.7` → `123,457`. */
export function int(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** A number with `digits` decimals. */
export function fixed(value: number, digits = 2): string {
  return value.toFixed(digits);
}

/** Bytes as MiB with one decimal. */
export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** Milliseconds as seconds with two decimals. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** `PASS` or `FAIL`. */
export function verdict(ok: boolean): string {
  return ok ? "PASS" : "FAIL";
}

/**
 * A row of the report: a section heading alone, or what, the figure, and
 * optionally the target and the verdict.
 */
export type Row =
  | [heading: string]
  | [what: string, value: string, target?: string, verdict?: string];

/** Renders rows as a fixed-width table; a row with only a title is a section heading. */
export function table(rows: readonly Row[]): string {
  const widths = [0, 0, 0, 0];
  for (const row of rows) {
    if (row.length === 1) continue;
    row.forEach((cell, i) => widths[i] = Math.max(widths[i]!, (cell ?? "").length));
  }
  const rule = "-".repeat(widths.reduce((sum, w) => sum + w + 3, -3));
  const out: string[] = [];
  for (const row of rows) {
    if (row.length === 1) {
      out.push(rule, row[0], rule);
      continue;
    }
    const [what, value, target = "", result = ""] = row;
    out.push(
      [what.padEnd(widths[0]!), value.padStart(widths[1]!), target.padEnd(widths[2]!), result]
        .join(" | ").trimEnd(),
    );
  }
  out.push(rule);
  return out.join("\n");
}
