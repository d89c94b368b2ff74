import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, inject, test } from 'vitest'

/** Every module specifier that a built file imports or requires (tsup output: `from "x"`, `require("x")`, `import("x")`). */
const specifiers = (code: string): string[] =>
  [...code.matchAll(/(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*|^import\s*)["']([^"']+)["']/gm)].map(
    (m) => m[1]!,
  )

test('the built code imports only its declared dependencies and node: built-ins, never fp-ts', () => {
  const pkgDir = join(inject('packed').projectDir, 'node_modules', 'bridgeapi')
  const { dependencies } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>
  }
  const files = readdirSync(join(pkgDir, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) =>
    /\.c?js$/.test(f),
  )
  const bare = new Set<string>()
  for (const file of files) {
    for (const spec of specifiers(readFileSync(join(pkgDir, 'dist', file), 'utf8'))) {
      if (!spec.startsWith('.')) bare.add(spec)
    }
  }
  expect(files.length).toBeGreaterThan(20)
  expect([...bare].filter((s) => s.startsWith('fp-ts'))).toEqual([])
  // fp-ts is a dependency for its types only; what the code loads must be a declared dependency.
  const allowed = (s: string) => s.startsWith('node:') || (s in dependencies && s !== 'fp-ts')
  expect([...bare].filter((s) => !allowed(s))).toEqual([])
  expect(bare).toContain('valibot')
})
