import { expect } from 'vitest'

/** A result as the SDK returns it (fp-ts `Either`), without importing fp-ts at run time. */
type Result =
  | { readonly _tag: 'Left'; readonly left: unknown }
  | { readonly _tag: 'Right'; readonly right: unknown }

/** The `right` of a result, failing the test (showing the error) when it is a `Left`. */
export const rightOf = <R extends Result>(result: R): Extract<R, { _tag: 'Right' }>['right'] => {
  if (result._tag !== 'Right') return expect.fail(`expected a Right, got ${JSON.stringify(result.left)}`)
  return result.right
}

/** The `left` of a result, failing the test (showing the value) when it is a `Right`. */
export const leftOf = <R extends Result>(result: R): Extract<R, { _tag: 'Left' }>['left'] => {
  if (result._tag !== 'Left')
    return expect.fail(`expected a Left, got ${JSON.stringify(result.right).slice(0, 300)}`)
  return result.left
}
