// @ts-check
/**
 * TypeDoc plugin: drops the warning "X has multiple declarations with a comment" when every one of
 * those declarations is the same source location. valibot's inferred types (`v.InferOutput<typeof
 * Schema>`) reach each property's one declaration twice, so TypeDoc warns about a comment conflicting
 * with itself. A real conflict (two different locations) still warns, and so fails the docs build.
 */
const MULTIPLE = / has multiple declarations with a comment\./
const DECLARED_AT = /^The comments for .+ are declared at:\n((?:\t.+\n?)+)$/

/** @param {import('typedoc').Application} app */
export const load = (app) => {
  const logger = app.logger
  const warn = logger.warn.bind(logger)
  const info = logger.info.bind(logger)
  /** @type {unknown[] | undefined} the held-back warning's arguments */
  let pending
  const flush = () => {
    if (pending) warn(.../** @type {[any]} */ (pending))
    pending = undefined
  }
  logger.warn = (/** @type {any} */ text, /** @type {any[]} */ ...rest) => {
    flush()
    if (typeof text === 'string' && MULTIPLE.test(text)) pending = [text, ...rest]
    else warn(text, ...rest)
  }
  logger.info = (/** @type {any} */ text) => {
    const locations = pending && typeof text === 'string' ? DECLARED_AT.exec(text)?.[1] : undefined
    if (locations && new Set(locations.trim().split(/\n\t/)).size === 1) {
      pending = undefined
      return
    }
    flush()
    info(text)
  }
}
