import { expect, test } from 'vitest'
import { annotatePureCalls } from '../../../scripts/pure-calls.js'

const valibot = new Set(['object', 'optional', 'string', 'safeParse'])
const own = new Set(['openEnum'])

test('marks calls of side-effect-free functions, and nothing else', () => {
  const source = [
    "export const A = v.object({ a: v.optional(v.string()), t: openEnum(['x'] as const) })",
    'export const openEnum = <const T extends readonly string[]>(known: T) => v.string()',
    'const ok = v.safeParse(A, input); v.parse(A, input); other.openEnum(1); log(A)',
  ].join('\n')
  expect(annotatePureCalls(source, valibot, own)).toBe(
    [
      "export const A = /* @__PURE__ */ v.object({ a: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()), t: /* @__PURE__ */ openEnum(['x'] as const) })",
      'export const openEnum = <const T extends readonly string[]>(known: T) => /* @__PURE__ */ v.string()',
      'const ok = /* @__PURE__ */ v.safeParse(A, input); v.parse(A, input); other.openEnum(1); log(A)',
    ].join('\n'),
  )
  // Idempotent: an annotated call is not annotated twice.
  expect(annotatePureCalls(annotatePureCalls(source, valibot, own), valibot, own)).toBe(
    annotatePureCalls(source, valibot, own),
  )
})
