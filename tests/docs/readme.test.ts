import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { headings, pathTemplate, renderReadme } from '../../scripts/readme.js'
import { endpointsOf } from '../../src/core/define/operation.js'
import * as v2 from '../../src/v2/index.js'
import { readme, readmeOwnText, readmeSection, tsSnippets, typeCheckSnippets } from '../support/readme.js'

const anchors = new Set(headings(readme).map((heading) => heading.anchor))

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

  it('lists every 2021-06-01 endpoint with the method, path and auth it declares', () => {
    // The hand-written table keeps its notes (†, query parameters); the declarations must agree with it.
    const rows = new Map(
      [
        ...readmeSection('endpoints-v2').matchAll(/^\| `(\w+)`[^|]*\| (\w+) \| `([^`]*)`[^|]*\| (\w+) \|$/gm),
      ].map(([, name, method, path, auth]) => [name, `${method} ${path!.replace(/\?.*/, '')} ${auth}`]),
    )
    const generic = (path: string) => path.replace(/\{[^}]*\}/g, '{}')
    const declared = endpointsOf(v2).map((spec) => [
      spec.name,
      `${spec.method} ${pathTemplate(spec)} ${spec.auth}`,
    ])
    expect(declared.length).toBeGreaterThan(50)
    const wrong = declared.filter(([name, row]) => generic(rows.get(name!) ?? 'missing') !== generic(row!))
    expect(
      wrong.map(([name, row]) => `${name}: README ${rows.get(name!) ?? 'missing'}, declared ${row}`),
    ).toEqual([])
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
    const snippets = tsSnippets(readmeOwnText)

    it('finds them', () => {
      expect(snippets.length).toBeGreaterThanOrEqual(5)
    })

    it('compiles them against the sources (as `bridgeapi` resolves in tsconfig)', () => {
      expect(typeCheckSnippets(snippets, 'docs')).toEqual([])
    })
  })
})
