import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readme, tsSnippets, typeCheckSnippets } from '../support/readme.js'

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
const anchors = (() => {
  const seen = new Map<string, number>()
  const slugs = new Set<string>()
  for (const [, heading] of readme.matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(slug) ?? 0
    seen.set(slug, count + 1)
    slugs.add(count === 0 ? slug : `${slug}-${count}`)
  }
  return slugs
})()

/** Sections whose snippets are checked by the tests of their own area (they build on each other there). */
const OTHERS = ['sandbox', 'reliability', 'runtimes', 'performance']
const ownText = OTHERS.reduce(
  (text, name) => text.replace(new RegExp(`<!-- section:${name} -->[\\s\\S]*?<!-- /section:${name} -->`), ''),
  readme,
)

describe('README', () => {
  it('keeps the two commands at the very top', () => {
    expect(readme.split('```sh\n')[1]?.split('\n').slice(0, 2)).toEqual([
      'npm ci && npm run demo   # the whole journey against the bundled sandbox (no account, no network)',
      'npm ci && npm test       # lint, type-check, build, and the full test suite',
    ])
  })

  it('every #link points to a heading, every relative link to a file', () => {
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!)
    const broken = links.filter((link) =>
      link.startsWith('#') ? !anchors.has(link.slice(1)) : !/^[a-z]+:/.test(link) && !existsSync(link),
    )
    expect(broken).toEqual([])
    expect(links.filter((link) => link.startsWith('#')).length).toBeGreaterThan(10)
  })

  describe('TypeScript snippets outside those sections type-check', () => {
    const snippets = tsSnippets(ownText)

    it('finds them', () => {
      expect(snippets.length).toBeGreaterThanOrEqual(5)
    })

    it('compiles them against the sources (as `bridgeapi` resolves in tsconfig)', () => {
      expect(typeCheckSnippets(snippets, 'docs')).toEqual([])
    })
  })
})
