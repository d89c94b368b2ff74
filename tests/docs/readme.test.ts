import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'

const readme = readFileSync('README.md', 'utf8')

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

/** Sections other helpers' tests own (their examples are checked there); the rest is checked here. */
const OTHERS = ['endpoints-v3', 'endpoints-v2', 'sandbox', 'reliability', 'runtimes', 'performance']
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

  describe('TypeScript snippets outside the other sections type-check', () => {
    const dir = join('.tmp', 'readme-snippets')
    afterAll(() => rmSync(dir, { recursive: true, force: true }))
    const snippets = [...ownText.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!)

    it('finds them', () => {
      expect(snippets.length).toBeGreaterThanOrEqual(5)
    })

    it('compiles them against the sources (as `bridgeapi` resolves in tsconfig)', () => {
      mkdirSync(dir, { recursive: true })
      // Each snippet is its own module, as a reader would paste it.
      const files = snippets.map((code, i) => {
        const file = join(dir, `snippet-${i + 1}.ts`)
        writeFileSync(file, `${code}\nexport {}\n`)
        return file
      })
      const config = ts.getParsedCommandLineOfConfigFile(
        'tsconfig.json',
        {},
        {
          ...ts.sys,
          onUnRecoverableConfigFileDiagnostic: (d) => {
            throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
          },
        },
      )!
      const program = ts.createProgram(files, { ...config.options, noEmit: true })
      const errors = ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file && files.some((file) => d.file!.fileName.endsWith(file)))
        .map((d) => {
          const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0)
          return `${d.file!.fileName}:${line + 1} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`
        })
      expect(errors).toEqual([])
    })
  })
})
