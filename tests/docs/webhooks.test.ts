import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const SRC = new URL('../../src/webhooks/', import.meta.url)
const sources = readdirSync(SRC)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(new URL(file, SRC), 'utf8') }))

/** Names exported by the entry point, minus the core re-exports documented in src/core. */
const exportedNames = (): string[] => {
  const index = sources.find((source) => source.file === 'index.ts')!.text
  const names = [...index.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((match) =>
    match[1]!
      .split(',')
      .map((name) => name.replace(/^\s*type\s+/, '').trim())
      .filter(Boolean),
  )
  return names.filter((name) => name !== 'Issue' && name !== 'Redacted')
}

/** The TSDoc blocks directly above each declaration of `name`. */
const docsOf = (name: string): string[] =>
  sources.flatMap(({ text }) =>
    [
      ...text.matchAll(
        new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)\\s*export (?:const|type|interface) ${name}\\b`, 'g'),
      ),
    ].map((match) => match[1]!),
  )

describe('bridgeapi/webhooks sources', () => {
  it('document every export with an @example importing from bridgeapi/webhooks', () => {
    const names = exportedNames()
    expect(names.length).toBeGreaterThanOrEqual(25)
    const undocumented = names.filter(
      (name) =>
        !docsOf(name).some((doc) => doc.includes('@example') && doc.includes("from 'bridgeapi/webhooks'")),
    )
    expect(undocumented).toEqual([])
  })

  it('load only valibot at run time: no node: modules (Web Crypto only), no HTTP engine', () => {
    // Follows the run-time imports (not `import type`) from the entry point through src/.
    const visited = new Set<string>()
    const packages = new Set<string>()
    const visit = (url: URL) => {
      if (visited.has(url.href)) return
      visited.add(url.href)
      const text = readFileSync(url, 'utf8')
      // Names, braces and `* as x` only, so a match cannot run from `export interface` into a TSDoc example.
      const statements = /^(?:import|export) (?!type\b)(?:[\w*\s,$]|\{[^}]*\})*?from '([^']+)'/gm
      for (const [, specifier] of text.matchAll(statements)) {
        if (specifier!.startsWith('.')) visit(new URL(specifier!.replace(/\.js$/, '.ts'), url))
        else packages.add(specifier!)
      }
    }
    visit(new URL('index.ts', SRC))
    expect([...visited].some((href) => href.endsWith('/core/either.ts'))).toBe(true)
    expect([...packages]).toEqual(['valibot'])
  })

  it('examples answer the statuses their @returns names (a bad signature is 401, not 400)', () => {
    const docs = sources.flatMap(({ text }) =>
      [...text.matchAll(/\/\*\*(?:(?!\*\/)[\s\S])*\*\//g)].map((m) => m[0]),
    )
    const promised = docs.filter((doc) => /@returns[\s\S]*answer \d{3}/.test(doc) && doc.includes('@example'))
    expect(promised.length).toBeGreaterThanOrEqual(1)
    const broken = promised.flatMap((doc) => {
      const [returns, example] = doc.split('@example') as [string, string]
      const statuses = [...returns.matchAll(/answer (\d{3})/g)].map((m) => m[1]!)
      return statuses
        .filter((status) => !example.includes(status))
        .map((status) => `${status} missing in ${doc.slice(0, 80)}`)
    })
    expect(broken).toEqual([])
  })
})
