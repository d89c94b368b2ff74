import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { expect, inject, test } from 'vitest'
import { distStem, subpaths } from './entry-points.js'

const attw = resolve(import.meta.dirname, '../../../node_modules/.bin/attw')
const CommonJS = 1 // ts.ModuleKind.CommonJS
const ESNext = 99 // ts.ModuleKind.ESNext

interface Resolution {
  readonly resolution?: { readonly fileName: string }
  readonly implementationResolution?: { readonly fileName: string }
}
interface AttwReport {
  readonly analysis: {
    readonly problems: readonly unknown[]
    readonly entrypoints: Record<string, { readonly resolutions: Record<string, Resolution> }>
    readonly programInfo: Record<string, { moduleKinds?: Record<string, { detectedKind: number }> }>
  }
}

test('are-the-types-wrong finds no problem in any entry point, for any resolution mode', () => {
  // --format json exits 0 even with problems; the report is asserted below.
  const report = JSON.parse(
    execFileSync(attw, [inject('packed').tarball, '--format', 'json'], { encoding: 'utf8' }),
  ) as AttwReport
  const { problems, entrypoints, programInfo } = report.analysis
  expect(problems).toEqual([])
  expect(Object.keys(entrypoints).sort()).toEqual([...subpaths, './package.json'].sort())

  for (const entry of subpaths) {
    const stem = `/node_modules/bridgeapi/${distStem(entry)}`
    const { resolutions } = entrypoints[entry]!
    const files = (kind: string) => [
      resolutions[kind]?.resolution?.fileName,
      resolutions[kind]?.implementationResolution?.fileName,
    ]
    // A CJS consumer gets CJS types for CJS code; an ESM consumer ESM types for ESM code.
    expect(files('node16-cjs')).toEqual([`${stem}.d.cts`, `${stem}.cjs`])
    expect(files('node16-esm')).toEqual([`${stem}.d.ts`, `${stem}.js`])
    expect(files('bundler')[0]).toBe(`${stem}.d.ts`)
    expect(files('node10')[0]).toBe(`${stem}.d.ts`)
    const kinds = programInfo.node16?.moduleKinds ?? {}
    expect(kinds[`${stem}.d.cts`]?.detectedKind).toBe(CommonJS)
    expect(kinds[`${stem}.d.ts`]?.detectedKind).toBe(ESNext)
  }
})
