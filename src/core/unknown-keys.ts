/**
 * Strict inputs: a key that no option of a call accepts is refused by name, with the nearest known key,
 * so that `{ sinse }` is an error rather than a silently unfiltered list.
 */
import type * as v from 'valibot'
import type { Issue } from './errors.js'

/** Edit distance (insertions, deletions, substitutions) between two short strings. */
const distance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    previous = current
  }
  return previous[b.length] as number
}

/**
 * The issue of one unknown key at `path` (dotted, the key last): "unknown key `sinse`: did you mean
 * `since`?" when a known key is close (case ignored), else the keys that are accepted.
 */
export const unknownKeyIssue = (path: string, key: string, known: readonly string[]): Issue => {
  let nearest: string | undefined
  let best = Number.POSITIVE_INFINITY
  for (const candidate of known) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase())
    if (d < best) [nearest, best] = [candidate, d]
  }
  const hint =
    nearest === undefined
      ? 'this call takes no such input'
      : best <= Math.max(2, Math.floor(key.length / 3))
        ? `did you mean \`${nearest}\`?`
        : `known keys: ${known.map((name) => `\`${name}\``).join(', ')}`
  return { path, message: `unknown key \`${path}\`: ${hint}` }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const join = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key))

/**
 * The keys of `value` (a plain object) that are not in `known`, as issues. For inputs that are not
 * valibot schemas: call options, context options, sync options.
 */
export const unknownKeys = (value: unknown, known: readonly string[], path = ''): Issue[] =>
  isRecord(value)
    ? Object.keys(value)
        .filter((key) => !known.includes(key))
        .map((key) => unknownKeyIssue(join(path, key), key, known))
    : []

type AnySchema = v.GenericSchema & {
  readonly entries?: Record<string, AnySchema>
  readonly options?: readonly AnySchema[]
  readonly wrapped?: AnySchema
  readonly item?: AnySchema
}

/** The object shapes a schema accepts (one per union option; intersected shapes merged), or none. */
const shapesOf = (schema: AnySchema): Record<string, AnySchema>[] => {
  if (schema.wrapped) return shapesOf(schema.wrapped)
  if (schema.entries) return [schema.entries]
  if (schema.type === 'union' || schema.type === 'variant') return (schema.options ?? []).flatMap(shapesOf)
  if (schema.type === 'intersect')
    return (schema.options ?? []).reduce<Record<string, AnySchema>[]>(
      (merged, option) => merged.flatMap((left) => shapesOf(option).map((right) => ({ ...right, ...left }))),
      [{}],
    )
  return []
}

/**
 * The keys of `value` that no option of `schema` accepts, at any depth (objects in objects, in arrays,
 * in unions), as issues. Records (free keys) and values of the wrong type are left to the schema.
 */
export const unknownKeysOf = (schema: AnySchema, value: unknown, path = ''): Issue[] => {
  const inner = schema.wrapped ? unknownKeysOf(schema.wrapped, value, path) : undefined
  if (inner) return inner
  if (schema.item && Array.isArray(value))
    return value.flatMap((element, index) =>
      unknownKeysOf(schema.item as AnySchema, element, join(path, index)),
    )
  if (!isRecord(value)) return []
  let fewest: Issue[] | undefined
  // A key is unknown only if no shape accepts it: the shape with the fewest problems is the one meant.
  for (const shape of shapesOf(schema)) {
    const known = Object.keys(shape)
    const issues = Object.keys(value).flatMap((key) => {
      const entry = shape[key]
      return entry
        ? unknownKeysOf(entry, value[key], join(path, key))
        : [unknownKeyIssue(join(path, key), key, known)]
    })
    if (!fewest || issues.length < fewest.length) fewest = issues
    if (issues.length === 0) break
  }
  return fewest ?? []
}
