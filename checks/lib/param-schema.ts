/**
 * A check's params declared once (issue #14): one object that is both the type a test may
 * give and the defaults the check applies. Teachers write params as JSON, so every value is
 * checked by its default's kind and falls back to the default when it does not fit:
 *
 * - a number (`replyMs: 2000`): a finite number ≥ 0;
 * - {@link signed}`(1)`: any finite number, negatives included (a range's bounds);
 * - a string (`text: 'Hallo'`): any string, `''` included;
 * - a boolean (`attempts: false`): `true` or `false`;
 * - {@link nonEmpty}`('ascii')`: a string other than `''`, for names and protocol words,
 *   where empty means "not set";
 * - {@link oneOf}`(['close', 'length-prefix'], 'close')`: one of the words listed;
 * - {@link optional}`('number' | 'string' | 'nonEmpty')`: read as above, else `undefined`,
 *   for a param whose default is not a constant (computed from the test, the transport or
 *   another param: the check says which, where it applies it);
 * - {@link shaped}`<T>()`: a structured value (an object, a list) or one read in a way of
 *   its own, that the family's reader checks; given as `T`, read as `unknown`.
 *
 * ```ts
 * export const ECHO_TIMING = paramDefaults({ replyMs: 2000, graceMs: 150 });
 * type EchoTimingParams = ParamsGiven<typeof ECHO_TIMING>;  // { replyMs?: number; graceMs?: number }
 * withParams(ECHO_TIMING)(twoClients);                       // a test of `two-clients` may give those
 * const { replyMs } = readParams(ECHO_TIMING, ctx.params);   // number
 * ```
 * Left outside any schema: a scripted test's `script` and its assignment's `probe`, which
 * the generic scripted suites (typed `ServerSuite`, so nothing is checked at compile time)
 * take as compiled data. Plain data at run time: the peer image imports this.
 */

declare const GIVEN: unique symbol;

/** A string param where `''` means "not set". */
export interface NonEmptyParam {
  readonly kind: 'nonEmpty';
  readonly fallback: string;
}

/** A number that may be negative. */
export interface SignedParam {
  readonly kind: 'signed';
  readonly fallback: number;
}

/** A param restricted to a few words. */
export interface OneOfParam<V extends string> {
  readonly kind: 'oneOf';
  readonly values: readonly V[];
  readonly fallback: V;
}

type OptionalKind = 'number' | 'string' | 'nonEmpty';

/** A param without a constant default: read, or `undefined`. */
export interface OptionalParam<K extends OptionalKind> {
  readonly kind: 'optional';
  readonly of: K;
}

/** A structured param its family's reader checks; `T` is what a test may give. */
export interface ShapedParam<T> {
  readonly kind: 'shaped';
  readonly [GIVEN]?: T;
}

export type ParamSpec = number | string | boolean | SignedParam | NonEmptyParam | OneOfParam<string> | OptionalParam<OptionalKind> | ShapedParam<unknown>;

/** Params by name, each with its default or marker. */
export type ParamSchema = { readonly [key: string]: ParamSpec };

/** `''` does not count: the default applies. */
export function nonEmpty(fallback: string): NonEmptyParam {
  return { kind: 'nonEmpty', fallback };
}

/** Any finite number, negatives included. */
export function signed(fallback: number): SignedParam {
  return { kind: 'signed', fallback };
}

export function oneOf<const V extends string>(values: readonly V[], fallback: NoInfer<V>): OneOfParam<V> {
  return { kind: 'oneOf', values, fallback };
}

export function optional<K extends OptionalKind>(of: K): OptionalParam<K> {
  return { kind: 'optional', of };
}

export function shaped<T>(): ShapedParam<T> {
  return { kind: 'shaped' };
}

type Primitive<K extends OptionalKind> = K extends 'number' ? number : string;

type GivenOf<S> = S extends number
  ? number
  : S extends string
    ? string
    : S extends boolean
      ? boolean
      : S extends SignedParam
        ? number
        : S extends NonEmptyParam
          ? string
          : S extends OneOfParam<infer V>
            ? V
            : S extends OptionalParam<infer K>
              ? Primitive<K>
              : S extends ShapedParam<infer T>
                ? T
                : never;

type ReadOf<S> = S extends OptionalParam<infer K> ? Primitive<K> | undefined : S extends ShapedParam<unknown> ? unknown : GivenOf<S>;

/** What a test may give: every param optional, of its default's (widened) type. */
export type ParamsGiven<S extends ParamSchema> = { -readonly [K in keyof S]?: GivenOf<S[K]> };

/** What {@link readParams} returns: every param resolved. */
export type ParamsRead<S extends ParamSchema> = { readonly [K in keyof S]: ReadOf<S[K]> };

/** The keys of `S` whose value is a number. */
export type NumberParamKey<S extends ParamSchema> = { [K in keyof S]: S[K] extends number ? K : never }[keyof S] & string;

/** The keys of `S` with a constant default (not {@link optional}, not {@link shaped}). */
type ConstantKey<S extends ParamSchema> = { [K in keyof S]: S[K] extends OptionalParam<OptionalKind> | ShapedParam<unknown> ? never : K }[keyof S] & string;

/**
 * The defaults of `keys`, in that order, as plain params: what an assignment shows a
 * teacher as its knobs (`params: paramValues(HTTP_CLIENT, 'keepAliveMs', …)`), so the
 * values there cannot drift from the defaults the checks apply.
 */
export function paramValues<S extends ParamSchema, K extends ConstantKey<S>>(schema: S, ...keys: K[]): { [P in K]: GivenOf<S[P]> } {
  return Object.fromEntries(keys.map((key) => [key, readParam(schema[key] as ParamSpec, undefined)])) as { [P in K]: GivenOf<S[P]> };
}

/** Declares a params group: the object is returned as given (frozen), its type kept exact. */
export function paramDefaults<const S extends ParamSchema>(schema: S): S {
  return Object.freeze(schema);
}

/** Every param of `schema` from a test's `params`; keys the schema does not name are ignored. */
export function readParams<S extends ParamSchema>(schema: S, params: Readonly<Record<string, unknown>>): ParamsRead<S> {
  const read: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) read[key] = readParam(spec, params[key]);
  return read as ParamsRead<S>;
}

/** A finite number ≥ 0: waits, counts and sizes. */
export function isParamNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

const isNonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

function readParam(spec: ParamSpec, value: unknown): unknown {
  switch (typeof spec) {
    case 'number':
      return isParamNumber(value) ? value : spec;
    case 'string':
      return typeof value === 'string' ? value : spec;
    case 'boolean':
      return typeof value === 'boolean' ? value : spec;
  }
  switch (spec.kind) {
    case 'signed':
      return typeof value === 'number' && Number.isFinite(value) ? value : spec.fallback;
    case 'nonEmpty':
      return isNonEmpty(value) ? value : spec.fallback;
    case 'oneOf':
      return typeof value === 'string' && spec.values.includes(value) ? value : spec.fallback;
    case 'optional':
      if (spec.of === 'number') return isParamNumber(value) ? value : undefined;
      if (spec.of === 'nonEmpty') return isNonEmpty(value) ? value : undefined;
      return typeof value === 'string' ? value : undefined;
    case 'shaped':
      return value;
  }
}
