import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { specifiers, subpaths } from '../dist/packaging/entry-points.js'

/*
 * The fast half of the API snapshot (tests/dist/packaging/api-surface.snap): the run-time exports of each
 * source entry module, as `name: typeof`, against the snapshot's lines that have a run-time kind. A new
 * or removed export fails here in seconds; the `dist` project checks the rest (type-only exports, ESM =
 * CJS = declarations) on the built package.
 */

const SNAPSHOT = 'tests/dist/packaging/api-surface.snap'
const ROOT = resolve(import.meta.dirname, '../..')

/** `entry → the "name: kind" lines with a run-time kind` (not type-only), from the snapshot. */
const snapshotted = (): Map<string, string[]> => {
  const entries = new Map<string, string[]>()
  let current: string[] = []
  for (const line of readFileSync(resolve(ROOT, SNAPSHOT), 'utf8').split('\n')) {
    if (line.startsWith('# ')) {
      current = []
      entries.set(line.slice(2), current)
    } else if (line && !line.endsWith(': type')) current.push(line.replace(/, type$/, ''))
  }
  return entries
}

/** The source module an entry specifier is built from: `.` is src/index.ts, `./v2` src/v2/index.ts. */
const sourceOf = (subpath: string) => resolve(ROOT, 'src', subpath.slice(2), 'index.ts')

describe('the run-time exports of the source entry modules match the API snapshot', () => {
  const snapshot = snapshotted()
  it.each(subpaths.map((subpath, index) => [specifiers[index]!, subpath] as const))(
    '%s',
    async (entry, subpath) => {
      const module = (await import(sourceOf(subpath))) as Record<string, unknown>
      const exported = Object.keys(module)
        .sort()
        .map((name) => `${name}: ${typeof module[name]}`)
      const expected = snapshot.get(entry) ?? []
      const added = exported.filter((line) => !expected.includes(line))
      const removed = expected.filter((line) => !exported.includes(line))
      expect(
        exported,
        `the exports of ${entry} changed (added: ${added.join(', ') || 'none'}; removed: ${removed.join(', ') || 'none'}): ` +
          `review the change, then write it into ${SNAPSHOT} ` +
          '(`npm run build && npx vitest run --project dist tests/dist/packaging/api-surface.test.ts -u`, ' +
          'or add the lines by hand: `name: function` for a function, `name: object, type` for a schema with its type, in sorted order)',
      ).toEqual(expected)
    },
  )
})
