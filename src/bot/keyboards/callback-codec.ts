/**
 * A typed codec for one kind of button: `pack` writes its callback data, `filter` is the RegExp
 * for `callbackQuery` / `waitForCallbackQuery`, `unpack` reads the values back (undefined when the
 * data is another button's). Data is the prefix, then the fields joined by ":"; an optional field
 * is left out with its ":" when unset. Fields are short ASCII on purpose: Telegram allows 64 bytes.
 */
export interface Field<T> {
  /** A regular expression source without capturing groups. */
  source: string;
  read(text: string): T;
  write(value: T): string;
  optional?: true;
}

type FieldValue<F> = F extends Field<infer T> ? T : never;
type Fields = Record<string, Field<unknown>>;
type RequiredKeys<F extends Fields> = { [K in keyof F]: F[K]["optional"] extends true ? never : K }[keyof F];
type OptionalKeys<F extends Fields> = Exclude<keyof F, RequiredKeys<F>>;

/** The values of a button: required fields, and optional ones that may be absent. */
export type CallbackValues<F extends Fields> = { [K in RequiredKeys<F>]: FieldValue<F[K]> } & {
  [K in OptionalKeys<F>]?: FieldValue<F[K]>;
};

export interface CallbackCodec<F extends Fields> {
  prefix: string;
  filter: RegExp;
  /** Buttons without fields are packed with no argument. */
  pack(...values: keyof F extends never ? [] : [CallbackValues<F>]): string;
  unpack(data: string): CallbackValues<F> | undefined;
  /** Like unpack, for data a handler's `filter` already matched. */
  read(data: string): CallbackValues<F>;
}

/** Text matching `source` (e.g. "\\d{5}" for a commune code). */
export const text = (source: string): Field<string> => ({ source, read: (s) => s, write: (v) => v });

/** A whole number (indexes, pages). */
export const int = (source = "\\d+"): Field<number> => ({ source, read: Number, write: String });

/** One of a few fixed words. */
export const oneOf = <const V extends string>(...values: V[]): Field<V> => ({
  source: values.join("|"),
  read: (s) => s as V,
  write: (v) => v,
});

/** On or off, as "1" or "0". */
export const flag = (): Field<boolean> => ({ source: "[01]", read: (s) => s === "1", write: (v) => (v ? "1" : "0") });

/** A field that may be left out; put optional fields last. */
export const optional = <T>(field: Field<T>): Field<T> & { optional: true } => ({ ...field, optional: true });

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function callbackCodec<F extends Fields = Record<never, never>>(
  prefix: string,
  fields: F = {} as F,
): CallbackCodec<F> {
  const entries = Object.entries(fields) as [string, Field<unknown>][];
  const body = entries
    .map(([, f], i) => {
      const group = `${i === 0 ? "" : ":"}(${f.source})`;
      return f.optional ? `(?:${group})?` : group;
    })
    .join("");
  const filter = new RegExp(`^${escapeRegExp(prefix)}${body}$`);
  const unpack = (data: string) => {
    const match = filter.exec(data);
    if (!match) return undefined;
    const values: Record<string, unknown> = {};
    entries.forEach(([name, f], i) => {
      const raw = match[i + 1];
      if (raw !== undefined) values[name] = f.read(raw);
    });
    return values as CallbackValues<F>;
  };
  return {
    prefix,
    filter,
    pack: (...values) => {
      const given: Record<string, unknown> = values[0] ?? {};
      const parts = entries.flatMap(([name, f]) => (given[name] === undefined ? [] : [f.write(given[name])]));
      return prefix + parts.join(":");
    },
    unpack,
    read: (data) => {
      const values = unpack(data);
      if (!values) throw new Error(`callback data "${data}" is not ${prefix}`);
      return values;
    },
  };
}
