/**
 * A yes/no check generated from a zod schema, for the schemas records use:
 * objects (loose or stripping), `optional`, `nullable`, `string`, `boolean`,
 * `number`, `int`, `array` and `unknown`, with no checks, formats, coercion or
 * transforms. For those it answers exactly as zod's `safeParse(...).success`
 * does, and it is several times faster than zod's own compiled validator,
 * which builds a copy of every nested object and runs each field in a
 * closure. A schema with anything else gets no check (`undefined`), and the
 * caller keeps zod's.
 *
 * The rules it writes out, one per zod type:
 *
 * - object: a non-null, non-array object; each known field is checked (a
 *   missing field reads as `undefined`); unknown fields pass. A strict object
 *   (unknown fields rejected) is not supported. A field that is `unknown` and
 *   not optional must be present, even as `undefined`.
 * - optional: `undefined` passes; nullable: `null` passes.
 * - string, boolean: `typeof`; number: a finite number; int (the `safeint`
 *   format): a safe integer.
 * - array: an array whose every element passes; unknown: anything.
 *
 * @module
 */
import type { z } from "zod";

/** A generated check: whether a value would pass the schema. */
export type ShapeCheck = (value: unknown) => boolean;

interface Def {
  type: string;
  checks?: unknown[];
  format?: string;
  coerce?: boolean;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
}

/** Fields deeper than this are left to zod. */
const MAX_DEPTH = 16;

/** Whether a field of this type must be present: `unknown` under no `optional`. */
function needsKey(type: z.ZodType): boolean {
  let def = type._zod.def as Def;
  while (def.innerType) {
    if (def.type === "optional") return false;
    def = def.innerType._zod.def as Def;
  }
  return def.type === "unknown";
}

/** The check for `schema`, or undefined when it uses anything outside the supported types. */
export function shapeCheckOf(schema: z.ZodType): ShapeCheck | undefined {
  const lines: string[] = [];
  let names = 0;
  const fresh = () => `v${names++}`;

  /** Writes the statements rejecting a `value` that fails `type`; false when unsupported. */
  function write(type: z.ZodType, value: string, depth: number): boolean {
    const def = type._zod.def as Def;
    if (depth > MAX_DEPTH || def.checks?.length || def.coerce) return false;
    switch (def.type) {
      case "optional":
      case "nullable": {
        lines.push(`if (${value} !== ${def.type === "optional" ? "undefined" : "null"}) {`);
        if (!def.innerType || !write(def.innerType, value, depth + 1)) return false;
        lines.push("}");
        return true;
      }
      case "string":
      case "boolean":
        if (def.format !== undefined) return false;
        lines.push(`if (typeof ${value} !== "${def.type}") return false;`);
        return true;
      case "number":
        if (def.format === "safeint") {
          lines.push(`if (!Number.isSafeInteger(${value})) return false;`);
          return true;
        }
        if (def.format !== undefined) return false;
        lines.push(`if (typeof ${value} !== "number" || !Number.isFinite(${value})) return false;`);
        return true;
      case "unknown":
        return true;
      case "array": {
        if (!def.element) return false;
        const index = fresh();
        const item = fresh();
        lines.push(
          `if (!Array.isArray(${value})) return false;`,
          `for (let ${index} = 0; ${index} < ${value}.length; ${index}++) {`,
          `const ${item} = ${value}[${index}];`,
        );
        if (!write(def.element, item, depth + 1)) return false;
        lines.push("}");
        return true;
      }
      case "object": {
        if (!def.shape) return false;
        if (def.catchall && (def.catchall._zod.def as Def).type !== "unknown") return false;
        lines.push(
          `if (typeof ${value} !== "object" || ${value} === null || Array.isArray(${value})) return false;`,
        );
        for (const [key, field] of Object.entries(def.shape)) {
          if (key === "__proto__") return false;
          const name = fresh();
          const text = JSON.stringify(key);
          lines.push(`{ const ${name} = ${value}[${text}];`);
          if (needsKey(field)) lines.push(`if (!(${text} in ${value})) return false;`);
          if (!write(field, name, depth + 1)) return false;
          lines.push("}");
        }
        return true;
      }
      default:
        return false;
    }
  }

  if (!write(schema, "input", 0)) return undefined;
  return new Function("input", `"use strict";\n${lines.join("\n")}\nreturn true;`) as ShapeCheck;
}
