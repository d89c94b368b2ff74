import { existsSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  contextOptionsTable,
  DERIVED_FILES,
  errorTable,
  headings,
  pathTemplate,
  renderDerived,
} from '../../scripts/readme.js'
import { endpointsOf } from '../../src/core/define/operation.js'
import * as v2 from '../../src/v2/index.js'
import { allDocs, guides, readme, readmeSection, tsSnippets, typeCheckSnippets } from '../support/readme.js'

const texts = new Map(allDocs)

describe('README', () => {
  it('keeps the two commands at the very top', () => {
    expect(readme.split('```sh\n')[1]?.split('\n').slice(0, 2)).toEqual([
      'npm ci && npm run demo   # the whole journey against the bundled sandbox (no account, no network)',
      'npm ci && npm test       # lint, type-check, build, and the full test suite',
    ])
  })

  it('is at most 400 lines: the guides in docs/ hold the rest', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(400)
  })

  it('walks the first 15 minutes in one snippet: sandbox, user, Connect, accounts, sync, webhook', () => {
    const path = tsSnippets(readme).find((code) => code.includes('startSandbox')) ?? ''
    const steps = [
      'startSandbox(',
      'createUser(',
      'createConnectSession(',
      'parseConnectCallback(',
      'getItem(',
      'listAccounts(',
      'syncTransactions(',
      'webhookHandler(',
    ]
    expect(steps.map((step) => path.indexOf(step))).toEqual(
      [...steps.map((step) => path.indexOf(step))].sort((a, b) => a - b),
    )
    expect(steps.filter((step) => !path.includes(step))).toEqual([])
  })

  it('links every guide in docs/ and the TypeDoc reference', () => {
    const unlinked = [...guides.keys()].filter((file) => !readme.includes(`](${file})`))
    expect(unlinked).toEqual([])
    expect(readme).toContain('`npm run docs`')
    expect(readme).toContain('docs/api/')
  })

  it('lists every ## and ### section in its table of contents', () => {
    const toc = /<!-- toc -->\n([\s\S]*?)<!-- \/toc -->/.exec(readme)?.[1] ?? ''
    const missing = headings(readme)
      .filter(({ level, text, anchor }) => level >= 2 && level <= 3 && !toc.includes(`[${text}](#${anchor})`))
      .map(({ text }) => text)
    expect(missing, 'run `npm run docs:readme`').toEqual([])
  })
})

describe('derived tables', () => {
  it.each(DERIVED_FILES)('%s is up to date with what `npm run docs:readme` derives', (file) => {
    const text = texts.get(file)!
    expect(renderDerived(file, text) === text, 'run `npm run docs:readme`').toBe(true)
  })

  it('a stale table fails the check above (a row removed is put back)', () => {
    const text = texts.get('docs/lists-and-errors.md')!
    const stale = text.replace(/^\| `RedirectError` .*\n/m, '')
    expect(stale).not.toBe(text)
    expect(renderDerived('docs/lists-and-errors.md', stale)).toBe(text)
  })

  it('the Errors table has every BridgeError `_tag`, each with when it happens', () => {
    const rows = errorTable().split('\n').slice(2)
    expect(rows.length).toBeGreaterThanOrEqual(11)
    for (const tag of ['ApiError', 'RedirectError', 'ResponseTooLargeError', 'RateLimiterError'])
      expect(rows.some((row) => row.startsWith(`| \`${tag}\` | `))).toBe(true)
    expect(rows.filter((row) => /^\| `\w+` \|\s*\|/.test(row))).toEqual([])
  })

  it('the Context-options table has every createContext option, each with a meaning', () => {
    const rows = contextOptionsTable().split('\n').slice(2)
    for (const option of ['clientId', 'maxResponseBytes', 'rateLimiter', '$fetch', 'sleep', 'now', 'hooks'])
      expect(rows.some((row) => row.startsWith(`| \`${option}\` | `))).toBe(true)
    expect(rows.filter((row) => /^\| `[\w$]+` \|\s*\|/.test(row))).toEqual([])
  })

  it('lists every 2021-06-01 endpoint with the method, path and auth it declares', () => {
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
      wrong.map(([name, row]) => `${name}: docs ${rows.get(name!) ?? 'missing'}, declared ${row}`),
    ).toEqual([])
  })
})

describe('one source for each figure', () => {
  it('bundle sizes are quoted by the Bundle size table only (the FAQ and the README link to it)', () => {
    const quoting = allDocs
      .filter(([file]) => file !== 'docs/runtimes.md')
      .filter(([, text]) => /getAccount`? (?:app |bundle )?(?:bundles to )?(?:about )?[\d.]+ KB/.test(text))
      .map(([file]) => file)
    expect(quoting).toEqual([])
    expect(texts.get('docs/faq.md')).toContain('[Bundle size](runtimes.md#bundle-size)')
  })
})

describe('links of the README and the guides', () => {
  const anchorsOf = new Map(
    allDocs.map(([file, text]) => [file, new Set(headings(text).map((h) => h.anchor))]),
  )

  it.each(allDocs.map(([file]) => file))(
    'every link of %s points to a file, every #anchor to a heading',
    (file) => {
      const links = [...texts.get(file)!.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!)
      const broken = links.filter((link) => {
        if (/^[a-z]+:/.test(link)) return false
        const [path, anchor] = link.split('#') as [string, string | undefined]
        const target = path === '' ? file : normalize(join(dirname(file), path))
        if (!existsSync(target)) return true
        if (anchor === undefined) return false
        const anchors = anchorsOf.get(target)
        return anchors !== undefined && !anchors.has(anchor)
      })
      expect(broken).toEqual([])
    },
  )
})

describe('TypeScript snippets of the README and every guide', () => {
  // Quoted example files are type-checked where they run (tests/runtimes: `deno check`, workerd).
  const snippets = allDocs.flatMap(([, text]) =>
    tsSnippets(text.replace(/<!-- quote:[^\n]*-->\n```ts\n[\s\S]*?```/g, '')),
  )

  it('finds them', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(25)
  })

  it('compiles them against the sources (as `bridgeapi` resolves in tsconfig), each as its own module', () => {
    expect(typeCheckSnippets(snippets, 'docs')).toEqual([])
  }, 120_000)
})
