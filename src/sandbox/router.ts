/** Path patterns (`/v3/aggregation/items/:id`, with a trailing `*` matching the rest) and matching. */

/** A compiled pattern: returns the parameters when the path matches, else `undefined`. */
export type PathMatcher = (path: string) => Record<string, string> | undefined

/** Compiles a pattern; each `:name` segment matches one path segment (percent-decoded). */
export const compilePattern = (pattern: string): PathMatcher => {
  const parts = pattern.split('/')
  const rest = parts[parts.length - 1] === '*'
  if (rest) parts.pop()
  return (path) => {
    const segments = path.split('/')
    if (rest ? segments.length < parts.length : segments.length !== parts.length) return undefined
    const params: Record<string, string> = {}
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string
      const segment = segments[i] as string
      if (part.startsWith(':')) {
        if (segment === '') return undefined
        try {
          params[part.slice(1)] = decodeURIComponent(segment)
        } catch {
          return undefined
        }
      } else if (part !== segment) {
        return undefined
      }
    }
    return params
  }
}

/** A table of handlers by method and pattern, matched in registration order. */
export interface Router<H> {
  add(method: string, pattern: string, handler: H): void
  /** The handler and parameters for a request; `methodMismatch` when only the method differs. */
  match(method: string, path: string): { handler: H; params: Record<string, string> } | 'not-found'
  /** Every route, in registration order (the CLI's help lists them). */
  routes(): readonly { readonly method: string; readonly pattern: string; readonly handler: H }[]
}

export const createRouter = <H>(): Router<H> => {
  const entries: { method: string; pattern: string; matcher: PathMatcher; handler: H }[] = []
  return {
    add: (method, pattern, handler) => {
      entries.push({ method: method.toUpperCase(), pattern, matcher: compilePattern(pattern), handler })
    },
    routes: () => entries.map(({ method, pattern, handler }) => ({ method, pattern, handler })),
    match: (method, path) => {
      for (const entry of entries) {
        if (entry.method !== method) continue
        const params = entry.matcher(path)
        if (params) return { handler: entry.handler, params }
      }
      return 'not-found'
    },
  }
}
