import { equal, ok } from "node:assert/strict";
import { z } from "zod";
import { shapeCheckOf } from "../../pipeline/_shape_check.ts";
import { REGISTRY } from "../../streams/mod.ts";
import { startSimulator } from "../../simulator/mod.ts";
import { normalizeRecord, planFor } from "../../pipeline/normalize.ts";
import { arr, bool, int, num, obj, str } from "../../schemas/_common.ts";

/** Values of every JSON-ish kind, and the number edge cases zod cares about. */
const ODD_VALUES: unknown[] = [
  undefined,
  null,
  "",
  "12",
  0,
  -3,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53,
  true,
  false,
  {},
  [],
  ["a"],
  [1],
  { nested: "x" },
];

/** `record` with `path` set to `value` (the copy is deep; `undefined` deletes nothing). */
function withValue(record: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(record) as Record<string, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) {
    const next = target[key];
    if (typeof next !== "object" || next === null) return copy;
    target = next as Record<string, unknown>;
  }
  target[path.at(-1)!] = value;
  return copy;
}

/** Every field path of `schema` down to its leaves (object fields and array items as "0"). */
function pathsOf(schema: z.ZodType, prefix: string[] = []): string[][] {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.ZodType };
    if ((def.type !== "optional" && def.type !== "nullable") || !def.innerType) break;
    current = def.innerType;
  }
  const def = current._zod.def as {
    type: string;
    shape?: Record<string, z.ZodType>;
    element?: z.ZodType;
  };
  const paths = prefix.length > 0 ? [prefix] : [];
  if (def.type === "object" && def.shape) {
    for (const [key, field] of Object.entries(def.shape)) {
      paths.push(...pathsOf(field, [...prefix, key]));
    }
  }
  if (def.type === "array" && def.element) paths.push(...pathsOf(def.element, [...prefix, "0"]));
  return paths;
}

/** Asserts the check and zod agree on `value`. */
function agree(schema: z.ZodType, check: (value: unknown) => boolean, value: unknown): void {
  equal(check(value), schema.safeParse(value).success, JSON.stringify(value) ?? "undefined");
}

Deno.test("shapeCheckOf() covers every stream schema", () => {
  for (const def of REGISTRY.values()) {
    ok(shapeCheckOf(def.schema), `no check for "${def.name}"`);
  }
});

Deno.test("shapeCheckOf() answers as zod for simulated records with every field made odd", async () => {
  await using sim = await startSimulator({ seed: 3, subaccounts: 1 });
  let compared = 0;
  // The internal parents (pricing country lists) are no catalog stream: expected() has none.
  for (const def of [...REGISTRY.values()].filter((d) => !d.internal)) {
    const check = shapeCheckOf(def.schema)!;
    const plan = planFor(def.schema, def);
    const records = sim.expected(def.name).slice(0, 2).map((record) =>
      normalizeRecord(structuredClone(record), plan)
    );
    ok(records.length > 0, `no simulated "${def.name}" records`);
    for (const record of records) {
      agree(def.schema, check, record);
      for (const path of pathsOf(def.schema)) {
        for (const value of ODD_VALUES) {
          agree(def.schema, check, withValue(record, path, value));
          compared++;
        }
      }
    }
    for (const value of ODD_VALUES) agree(def.schema, check, value);
  }
  ok(compared > 10_000, `only ${compared} comparisons`);
});

Deno.test("shapeCheckOf() answers as zod on arrays, nested objects and strip objects", () => {
  const schema = z.object({
    tags: arr(z.string()),
    counts: arr(z.int()),
    inner: obj({ flag: bool(), deep: obj({ n: num() }) }),
    required: z.string(),
    anything: z.unknown(),
  });
  const check = shapeCheckOf(schema);
  ok(check);
  const base = { tags: ["a"], counts: [1, 2], inner: { flag: true, deep: { n: 1 } }, required: "" };
  agree(schema, check, base);
  agree(schema, check, { ...base, extra: 1 });
  for (const path of pathsOf(schema)) {
    for (const value of ODD_VALUES) agree(schema, check, withValue(base, path, value));
  }
});

Deno.test("shapeCheckOf() leaves schemas with checks, formats, coercion or strictness to zod", () => {
  const unsupported: z.ZodType[] = [
    z.object({ a: z.string().min(2) }),
    z.object({ a: z.email() }),
    z.object({ a: z.coerce.number() }),
    z.strictObject({ a: str() }),
    z.object({ a: z.string().transform((s) => s.length) }),
    z.object({ a: z.enum(["x", "y"]) }),
    z.object({ a: int().default(1) }),
    z.union([z.string(), z.number()]),
    z.object({ a: z.int32() }),
  ];
  for (const schema of unsupported) equal(shapeCheckOf(schema), undefined);
});
