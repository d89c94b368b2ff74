import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { expect, inject, test } from 'vitest'
import { distStem, specifiers, subpaths } from './entry-points.js'

type Surface = Record<string, Record<string, string>>

/** `name → typeof` of every run-time export, as Node loads the installed package by `import` and by `require`. */
const runtimeSurface = (projectDir: string): { esm: Surface; cjs: Surface } => {
  const script = join(projectDir, 'surface.mjs')
  writeFileSync(
    script,
    `import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
const describe = (m) => Object.fromEntries(Object.keys(m).sort().map((k) => [k, typeof m[k]]))
const esm = {}, cjs = {}
for (const entry of ${JSON.stringify(specifiers)}) {
  esm[entry] = describe(await import(entry))
  cjs[entry] = describe(require(entry))
}
process.stdout.write(JSON.stringify({ esm, cjs }))`,
  )
  return JSON.parse(execFileSync(process.execPath, [script], { cwd: projectDir, encoding: 'utf8' }))
}

/** Every exported name of each entry's .d.ts, and whether it is a value, a type, or both. */
const declaredSurface = (
  projectDir: string,
): Record<string, Record<string, { value: boolean; type: boolean }>> => {
  const file = (entry: string) =>
    join(projectDir, 'node_modules', 'bridgeapi', `${distStem(subpaths[specifiers.indexOf(entry)]!)}.d.ts`)
  const program = ts.createProgram(specifiers.map(file), {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
  })
  const checker = program.getTypeChecker()
  return Object.fromEntries(
    specifiers.map((entry) => {
      const source = program.getSourceFile(file(entry))!
      const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!)
      return [
        entry,
        Object.fromEntries(
          exports.map((symbol) => {
            const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
            return [
              symbol.name,
              {
                value: (target.flags & ts.SymbolFlags.Value) !== 0,
                type: (target.flags & ts.SymbolFlags.Type) !== 0,
              },
            ]
          }),
        ),
      ]
    }),
  )
}

test('the public API surface matches the committed snapshot (ESM = CJS = declarations)', async () => {
  const { projectDir } = inject('packed')
  const { esm, cjs } = runtimeSurface(projectDir)
  const declared = declaredSurface(projectDir)
  expect(cjs).toEqual(esm)

  const lines: string[] = []
  for (const entry of specifiers) {
    const runtime = esm[entry]!
    const types = declared[entry]!
    // What the .d.ts promises as a value must exist at run time, and nothing more.
    const declaredValues = Object.keys(types).filter((name) => types[name]!.value)
    expect(Object.keys(runtime).sort()).toEqual(declaredValues.sort())
    lines.push(`# ${entry}`)
    for (const name of Object.keys(types).sort()) {
      const kinds = [runtime[name], types[name]!.type ? 'type' : undefined].filter(Boolean)
      lines.push(`${name}: ${kinds.join(', ')}`)
    }
    lines.push('')
  }
  await expect(lines.join('\n')).toMatchFileSnapshot('./api-surface.snap')
})
