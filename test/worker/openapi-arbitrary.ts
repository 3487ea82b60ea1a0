import fc from "fast-check";

/**
 * fast-check arbitraries for the JSON Schema subset /openapi.json uses: values valid by the
 * schema (what a client generated from the document may send), not necessarily by the
 * service's further rules (an email that is a string but no address).
 */
export type Schema = Record<string, any>;

const DAY = 86_400_000;
const NOW = Date.now();

export function arbitraryFor(schema: Schema, schemas: Record<string, Schema>): fc.Arbitrary<unknown> {
  const s = resolve(schema, schemas);
  const of = (sub: Schema) => arbitraryFor(sub, schemas);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type: string) => of({ ...s, type })));
  const branches: Schema[] | undefined = s.oneOf ?? s.anyOf;
  if (branches) {
    const { oneOf, anyOf, ...base } = s;
    // { properties, anyOf: [{ required: [a] }, { required: [b] }] }: one of the forms of one object.
    if (branches.every((b) => Object.keys(b).join() === "required")) {
      return fc.oneof(
        ...branches.map((b) => {
          // oneOf: the other forms' fields stay out, or two forms would match.
          const others = oneOf ? branches.filter((o) => o !== b).flatMap((o) => o.required) : [];
          const properties = Object.fromEntries(Object.entries(base.properties).filter(([k]) => !others.includes(k) || b.required.includes(k)));
          return of({ ...base, properties, required: [...(base.required ?? []), ...b.required] });
        }),
      );
    }
    return fc.oneof(...branches.map(of));
  }
  switch (s.type) {
    case "string":
      return stringFor(s);
    case "integer":
      return fc.integer({ min: s.minimum ?? -1_000_000, max: s.maximum ?? 1_000_000 });
    case "number":
      return fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const bounds = { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, Math.max(4, s.minItems ?? 0)) };
      return s.uniqueItems ? fc.uniqueArray(of(s.items), { ...bounds, selector: (v) => JSON.stringify(v) }) : fc.array(of(s.items), bounds);
    }
    case "object": {
      if (!s.properties) return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), of(s.additionalProperties ?? {}), { maxKeys: 3 });
      const fields = Object.fromEntries(Object.entries(s.properties as Record<string, Schema>).map(([k, v]) => [k, of(v)]));
      return fc.record(fields, { requiredKeys: s.required ?? [] });
    }
  }
  if (Object.keys(s).every((k) => ["description", "example"].includes(k))) return fc.jsonValue({ maxDepth: 1 });
  throw new Error(`openapi-arbitrary: no arbitrary for ${JSON.stringify(s)}`);
}

/** The schema a $ref names, or the schema itself. */
export function resolve(schema: Schema, schemas: Record<string, Schema>): Schema {
  if (!schema.$ref) return schema;
  const named = schemas[schema.$ref.replace("#/components/schemas/", "")];
  if (!named) throw new Error(`openapi-arbitrary: no schema ${schema.$ref}`);
  return named;
}

function stringFor(s: Schema): fc.Arbitrary<string> {
  if (s.format === "date-time") return fc.integer({ min: -2 * DAY, max: 40 * DAY }).map((ms) => new Date(NOW + ms).toISOString());
  if (s.format === "date") return fc.integer({ min: -400 * DAY, max: 800 * DAY }).map((ms) => new Date(NOW + ms).toISOString().slice(0, 10));
  if (s.format) throw new Error(`openapi-arbitrary: no arbitrary for format ${s.format}`);
  const random = s.pattern
    ? fc.stringMatching(new RegExp(s.pattern))
    : fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
  // The example is the one value of a free string the document shows usable (an address):
  // mostly it, so that requests get past validation to the rest of the service.
  return s.example === undefined ? random : fc.oneof({ arbitrary: fc.constant(s.example as string), weight: 3 }, { arbitrary: random, weight: 1 });
}
