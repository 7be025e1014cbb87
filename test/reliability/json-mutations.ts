/**
 * fast-check arbitraries for bad venue answers: arbitrary JSON, and valid recorded answers
 * with one part broken (a key dropped, a value replaced by any JSON or by a tricky numeric
 * string, an array emptied or doubled, the text cut short).
 */
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Numeric-looking strings a careless parser turns into NaN, Infinity or a wrong number. */
const TRICKY = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '',
  ' ',
  '0x10',
  '1,5',
  '1.2.3',
  '.5',
  '5.',
  '+1',
  '1e-7',
  '0.00000001',
  '99999999999999999999',
  '-1',
  'null',
  'true',
  '１',
];

function paths(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function rebuild(value: Json, path: ReadonlyArray<string | number>, edit: (v: Json) => Json | undefined): Json {
  if (path.length === 0) return edit(value) ?? null;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    const next = rebuild(copy[head as number]!, rest, edit);
    if (rest.length === 0 && edit(copy[head as number]!) === undefined) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const copy = { ...value };
    if (rest.length === 0 && edit(copy[head as string]!) === undefined) delete copy[head as string];
    else copy[head as string] = rebuild(copy[head as string]!, rest, edit);
    return copy;
  }
  return value;
}

type Edit = (v: Json) => Json | undefined;

const edits: fc.Arbitrary<Edit> = fc.oneof(
  fc.constant<Edit>(() => undefined),
  fc.jsonValue().map<Edit>((j) => () => j as Json),
  fc.constantFrom(...TRICKY).map<Edit>((s) => () => s),
  fc.constantFrom<Edit>(
    (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' && /^-?\d/.test(v) ? Number(v) : v),
    (v) => (Array.isArray(v) ? [] : v),
    (v) => (Array.isArray(v) ? [...v, ...v] : v),
    (v) => (typeof v === 'number' ? -v : v),
    (v) => (typeof v === 'number' ? v * 1e6 : v),
  ),
);

/** Text of `valid` with one random part broken, or cut short. */
export function mutatedText(valid: string): fc.Arbitrary<string> {
  let parsed: Json;
  try {
    parsed = JSON.parse(valid) as Json;
  } catch {
    return fc.constant(valid);
  }
  const all = paths(parsed);
  const oneEdit = fc.tuple(fc.constantFrom(...all), edits).map(([p, e]) => JSON.stringify(rebuild(parsed, p, e)));
  const cut = fc.integer({ min: 0, max: Math.max(0, valid.length - 1) }).map((n) => valid.slice(0, n));
  return fc.oneof({ weight: 8, arbitrary: oneEdit }, { weight: 1, arbitrary: cut });
}

export const arbitraryJsonText: fc.Arbitrary<string> = fc.oneof(fc.json(), fc.string());

/** Every number in a value, with its key, for NaN/Infinity/integer checks. */
export function numbersIn(value: unknown, key = '(root)', out: Array<[string, number]> = []): Array<[string, number]> {
  if (typeof value === 'number') out.push([key, value]);
  else if (value instanceof Map) for (const [k, v] of value) numbersIn(v, String(k), out);
  else if (Array.isArray(value)) value.forEach((v) => numbersIn(v, key, out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) numbersIn(v, k, out);
  return out;
}

/** Exact-unit fields (micros, centishares, ms, ppm) must be safe integers; every number finite. */
export function badNumbers(value: unknown): string[] {
  return numbersIn(value)
    .filter(([k, n]) => !Number.isFinite(n) || (/(Micros|Centi|Ms|Ppm)$/.test(k) && !Number.isSafeInteger(n)))
    .map(([k, n]) => `${k}=${n}`);
}
