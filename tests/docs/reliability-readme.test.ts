/**
 * The README's `reliability` section (tests/docs checks the rest of the README): every TypeScript
 * snippet type-checks against the sources as a reader would paste it, and the defaults it states
 * are the ones the code uses.
 */
import { describe, expect, it } from 'vitest'
import { createContext, DEFAULT_RETRY } from '../../src/index.js'
import { readmeSection, tsSnippets, typeCheckSnippets } from '../support/readme.js'

// The README's reliability section, now docs/reliability.md, docs/webhooks.md and docs/rate-limits.md.
const section = ['reliability', 'webhooks', 'rate-limits'].map(readmeSection).join('\n')

describe('README reliability section', () => {
  it('every TypeScript snippet type-checks as its own module', () => {
    const snippets = tsSnippets(section)
    expect(snippets.length).toBeGreaterThanOrEqual(4)
    expect(typeCheckSnippets(snippets, 'reliability')).toEqual([])
    // Type-checking the sources the snippets import takes a while on a busy 2-core machine.
  }, 120_000)

  it('states the defaults the code uses', () => {
    const stated =
      /Defaults: `\{ retries: (\d+), baseDelayMs: ([\d_]+), maxDelayMs: ([\d_]+), maxRetryAfterMs: ([\d_]+) \}`/.exec(
        section.replace(/\n\s*/g, ' '),
      )
    const numbers = stated?.slice(1).map((text) => Number(text.replace(/_/g, '')))
    expect(numbers).toEqual([
      DEFAULT_RETRY.retries,
      DEFAULT_RETRY.baseDelayMs,
      DEFAULT_RETRY.maxDelayMs,
      DEFAULT_RETRY.maxRetryAfterMs,
    ])
    const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
    expect(section).toContain('`timeoutMs` (default 30 s)')
    expect(ctx.timeoutMs).toBe(30_000)
    expect(section).toContain('`renewBeforeMs` (default 60 s)')
    expect(ctx.renewBeforeMs).toBe(60_000)
    expect(section).toContain('`maxResponseBytes` (default 32 MiB)')
    expect(ctx.maxResponseBytes).toBe(32 * 1024 * 1024)
  })
})
