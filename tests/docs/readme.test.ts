import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { headings, renderReadme } from '../../scripts/readme.js'
import { readme, tsSnippets, typeCheckSnippets } from '../support/readme.js'

const anchors = new Set(headings(readme).map((heading) => heading.anchor))

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

  it('lists every ## and ### section in its table of contents', () => {
    const toc = /<!-- toc -->\n([\s\S]*?)<!-- \/toc -->/.exec(readme)?.[1] ?? ''
    const missing = headings(readme)
      .filter(({ level, text, anchor }) => level >= 2 && level <= 3 && !toc.includes(`[${text}](#${anchor})`))
      .map(({ text }) => text)
    expect(missing, 'run `npm run docs:readme`').toEqual([])
  })

  it('is up to date with what `npm run docs:readme` derives', () => {
    expect(renderReadme(readme) === readme, 'run `npm run docs:readme`').toBe(true)
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
