// The Terraform functions that modules apply to values a careful reader can know (variable
// defaults, module arguments, literals): `try`, `lookup`, `length`, `merge`, `flatten` and the
// like. A function outside this table, or one given a value known only after apply, gives an
// unknown with its reason; a call that Terraform would reject (a missing key, a bad conversion)
// gives a failure, which `try` and `can` step over as Terraform does.
import { isUnknown, type Unknown } from '../model/deployed';

/** A reference kept for joining resources (`aws_s3_bucket.replica.arn` → the resource's address). */
export interface Reference {
  ref: string;
}

export type TerraformValue = string | number | boolean | null | Unknown | Reference | TerraformValue[] | { [key: string]: TerraformValue };

/** What Terraform would reject (`try` steps over it); to everything else it is unknown. */
export interface Failure extends Unknown {
  failed: true;
}

export function isReference(value: unknown): value is Reference {
  return value !== null && typeof value === 'object' && 'ref' in value;
}

export function isFailure(value: unknown): value is Failure {
  return isUnknown(value) && (value as Partial<Failure>).failed === true;
}

export function failure(reason: string): Failure {
  return { unknown: reason, failed: true };
}

export type TerraformObject = { [key: string]: TerraformValue };

export function isObject(value: TerraformValue | undefined): value is TerraformObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnknown(value) && !isReference(value);
}

/** A map's entries in Terraform's order (keys sorted), as `keys`, `values`, `for` and `for_each` see them. */
export function sortedEntries(map: TerraformObject): Array<[string, TerraformValue]> {
  return Object.keys(map)
    .sort()
    .map((key) => [key, map[key]]);
}

/** A value the configuration does not fix: an unknown, or a resource's attribute known after apply. */
export function notKnown(value: TerraformValue | undefined): Unknown | undefined {
  if (isUnknown(value)) return value;
  if (isReference(value)) return { unknown: `${value.ref}, known after apply` };
  return undefined;
}

/** The first argument that is not known, failures first (Terraform reports the error). */
function firstNotKnown(args: TerraformValue[]): Unknown | undefined {
  return args.find(isFailure) ?? args.map(notKnown).find((value) => value !== undefined);
}

/** A list-like value's items: a tuple, a list or a set (both arrays here). */
function items(value: TerraformValue, name: string): TerraformValue[] | Failure {
  return Array.isArray(value) ? value : failure(`${name}() of a value that is not a list`);
}

function toText(value: TerraformValue): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

type TerraformFunction = (args: TerraformValue[]) => TerraformValue;

/** Functions that read only what they need: a list with an unknown item still has a length. */
const PARTIAL: Record<string, TerraformFunction> = {
  length: ([value]) => {
    if (Array.isArray(value)) return value.length;
    if (isObject(value)) return Object.keys(value).length;
    if (typeof value === 'string') return [...value].length;
    return notKnown(value) ?? failure('length() of a value that has none');
  },
  concat: (args) => {
    const unknown = args.map(notKnown).find((value) => value !== undefined);
    if (unknown) return unknown;
    const lists = args.map((arg) => items(arg, 'concat'));
    return lists.find(isFailure) ?? (lists as TerraformValue[][]).flat();
  },
  flatten: ([value]) => {
    const list = notKnown(value) ?? items(value, 'flatten');
    if (isUnknown(list)) return list;
    const flat: TerraformValue[] = [];
    const visit = (item: TerraformValue): Unknown | undefined => {
      if (Array.isArray(item)) return item.map(visit).find((inner) => inner !== undefined);
      // An unknown item could be a list: the result's length is not known either.
      if (isUnknown(item)) return item;
      flat.push(item);
      return undefined;
    };
    return visit(list) ?? flat;
  },
  merge: (args) => {
    const merged: TerraformObject = {};
    for (const arg of args) {
      if (arg === null) continue;
      const unknown = notKnown(arg);
      if (unknown) return unknown;
      if (!isObject(arg)) return failure('merge() of a value that is not a map');
      Object.assign(merged, arg);
    }
    return merged;
  },
  keys: ([value]) => (isObject(value) ? Object.keys(value).sort() : (notKnown(value) ?? failure('keys() of a value that is not a map'))),
  values: ([value]) => (isObject(value) ? sortedEntries(value).map(([, item]) => item) : (notKnown(value) ?? failure('values() of a value that is not a map'))),
  lookup: ([map, key, fallback]) => {
    const unknown = notKnown(map) ?? notKnown(key);
    if (unknown) return unknown;
    if (!isObject(map) || typeof key !== 'string') return failure('lookup() of a value that is not a map');
    if (key in map) return map[key];
    return fallback === undefined ? failure(`lookup() of the missing key ${key}`) : fallback;
  },
  element: ([list, index]) => {
    const unknown = notKnown(list) ?? notKnown(index);
    if (unknown) return unknown;
    if (!Array.isArray(list) || typeof index !== 'number' || list.length === 0) return failure('element() of a value that is not a list');
    return list[((Math.floor(index) % list.length) + list.length) % list.length];
  },
  tolist: ([value]) => (Array.isArray(value) ? value : (notKnown(value) ?? failure('tolist() of a value that is not a list'))),
  toset: ([value]) => {
    if (!Array.isArray(value)) return notKnown(value) ?? failure('toset() of a value that is not a list');
    // A set of unknown items could hold fewer: its size is unknown.
    const unknown = value.map(notKnown).find((item) => item !== undefined);
    if (unknown) return unknown;
    const seen = new Set<string>();
    return value.filter((item) => {
      const key = JSON.stringify(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  },
  tomap: ([value]) => (isObject(value) ? value : (notKnown(value) ?? failure('tomap() of a value that is not a map'))),
  contains: ([list, value]) => {
    const unknown = notKnown(list) ?? notKnown(value);
    if (unknown) return unknown;
    if (!Array.isArray(list)) return failure('contains() of a value that is not a list');
    if (list.some((item) => notKnown(item)))
      return list.some((item) => JSON.stringify(item) === JSON.stringify(value)) ? true : { unknown: 'contains() over a list with unknown items' };
    return list.some((item) => JSON.stringify(item) === JSON.stringify(value));
  },
  coalesce: (args) => {
    for (const arg of args) {
      const unknown = notKnown(arg);
      if (unknown) return unknown;
      if (arg !== null && arg !== '') return arg;
    }
    return failure('coalesce() of no non-null argument');
  },
  compact: ([list]) => {
    if (!Array.isArray(list)) return notKnown(list) ?? failure('compact() of a value that is not a list');
    const unknown = list.map(notKnown).find((item) => item !== undefined);
    return unknown ?? list.filter((item) => item !== null && item !== '');
  },
  one: ([list]) => {
    if (!Array.isArray(list)) return notKnown(list) ?? failure('one() of a value that is not a list');
    if (list.length > 1) return failure('one() of a list of more than one item');
    return list.length === 0 ? null : list[0];
  },
  distinct: (args) => PARTIAL.toset(args),
};

/** Functions of known values only. */
const WHOLE: Record<string, TerraformFunction> = {
  lower: ([value]) => (typeof value === 'string' ? value.toLowerCase() : failure('lower() of a value that is not a string')),
  upper: ([value]) => (typeof value === 'string' ? value.toUpperCase() : failure('upper() of a value that is not a string')),
  title: ([value]) =>
    typeof value === 'string'
      ? value.replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase())
      : failure('title() of a value that is not a string'),
  tostring: ([value]) => (value === null ? null : (toText(value) ?? failure('tostring() of a value that is not a string'))),
  tonumber: ([value]) => {
    if (typeof value === 'number' || value === null) return value;
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    return Number.isNaN(number) ? failure('tonumber() of a value that is not a number') : number;
  },
  tobool: ([value]) => {
    if (typeof value === 'boolean' || value === null) return value;
    return value === 'true' ? true : value === 'false' ? false : failure('tobool() of a value that is not a bool');
  },
  format: ([pattern, ...args]) => {
    if (typeof pattern !== 'string') return failure('format() without a format string');
    let next = 0;
    let failed: Failure | undefined;
    const text = pattern.replace(/%(%|[-+ #0]*\d*(?:\.\d+)?[sdvqftx])/g, (whole, verb: string) => {
      if (verb === '%') return '%';
      const value = args[next++];
      const written = value === undefined ? undefined : verb.endsWith('q') ? JSON.stringify(toText(value)) : toText(value);
      if (written === undefined) failed ??= failure('format() with a value it cannot write');
      return written ?? whole;
    });
    return failed ?? text;
  },
  join: ([separator, list]) => {
    if (typeof separator !== 'string' || !Array.isArray(list)) return failure('join() of a value that is not a list');
    const parts = list.map(toText);
    return parts.every((part) => part !== undefined) ? parts.join(separator) : failure('join() of a list that is not of strings');
  },
  split: ([separator, text]) =>
    typeof separator === 'string' && typeof text === 'string' ? text.split(separator) : failure('split() of a value that is not a string'),
  replace: ([text, search, replacement]) => {
    if (typeof text !== 'string' || typeof search !== 'string' || typeof replacement !== 'string') return failure('replace() of a value that is not a string');
    // Terraform's /regex/ form is not Go's syntax exactly: left unknown rather than guessed.
    if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) return { unknown: 'replace() with a regular expression' };
    return text.split(search).join(replacement);
  },
  trimspace: ([text]) => (typeof text === 'string' ? text.trim() : failure('trimspace() of a value that is not a string')),
  substr: ([text, offset, length]) =>
    typeof text === 'string' && typeof offset === 'number' && typeof length === 'number'
      ? [...text].slice(offset, length < 0 ? undefined : offset + length).join('')
      : failure('substr() of a value that is not a string'),
  min: (args) => (args.every((arg) => typeof arg === 'number') ? Math.min(...(args as number[])) : failure('min() of a value that is not a number')),
  max: (args) => (args.every((arg) => typeof arg === 'number') ? Math.max(...(args as number[])) : failure('max() of a value that is not a number')),
  jsondecode: ([text]) => {
    if (typeof text !== 'string') return failure('jsondecode() of a value that is not a string');
    try {
      return JSON.parse(text) as TerraformValue;
    } catch {
      return failure('jsondecode() of a string that is not JSON');
    }
  },
  range: (args) => {
    if (!args.every((arg) => typeof arg === 'number')) return failure('range() of a value that is not a number');
    const [start, limit, step] = args.length === 1 ? [0, args[0] as number, 1] : [args[0] as number, args[1] as number, (args[2] as number | undefined) ?? 1];
    if (step === 0 || Math.abs((limit - start) / step) > 1024) return { unknown: 'range() of more than 1,024 numbers' };
    const list: number[] = [];
    for (let n = start; step > 0 ? n < limit : n > limit; n += step) list.push(n);
    return list;
  },
  zipmap: ([keys, values]) => {
    if (!Array.isArray(keys) || !Array.isArray(values) || keys.length !== values.length) return failure('zipmap() of lists of different lengths');
    const map: TerraformObject = {};
    for (const [i, key] of keys.entries()) {
      const name = toText(key);
      if (name === undefined) return failure('zipmap() with a key that is not a string');
      map[name] = values[i];
    }
    return map;
  },
};

/**
 * A call's value. `try` and `can` are handled by the evaluator (they see failures); every other
 * function of this table gets its arguments evaluated.
 */
export function callFunction(name: string, args: TerraformValue[]): TerraformValue {
  const partial = PARTIAL[name];
  if (partial) {
    const failed = args.find(isFailure);
    return failed ?? partial(args);
  }
  const whole = WHOLE[name];
  if (!whole) return { unknown: `the function ${name}()` };
  return firstNotKnown(args) ?? whole(args);
}
