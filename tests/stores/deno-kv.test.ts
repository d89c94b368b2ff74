import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deno, runInDeno } from '../support/deno.js'
import { expected, expectedExpiry, type ScenarioName } from './contract.js'

describe('denoKvTokenStore (Deno KV, inside Deno)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bridgeapi-denokv-'))
  let reports: Record<string, any>
  beforeAll(async () => {
    const out = await runInDeno('tests/stores/deno/run-contract.ts', dir)
    reports = JSON.parse(out)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  for (const name of Object.keys(expected) as Exclude<ScenarioName, 'expiry'>[]) {
    it(name, () => {
      expect(reports[name]).toEqual(expected[name])
    })
  }

  it('a real Deno.Kv fits DenoKvLike (deno check, with Deno’s own types)', () => {
    const file = join(dir, 'types.ts')
    const entry = resolve('src/stores/index.ts')
    writeFileSync(
      file,
      `import { type DenoKvLike } from '${entry}'\nexport const kv: DenoKvLike = await Deno.openKv()\n`,
    )
    // Sloppy imports: the sources import each other as `.js`, as TypeScript's bundler resolution allows.
    const out = execFileSync(deno, ['check', '--unstable-sloppy-imports', '--unstable-kv', file], {
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(out).toBe('')
  })

  it('expiry: expireIn follows expiresAt (at least 1 s)', () => {
    const want = expectedExpiry(1)
    for (const key of ['long', 'short', 'past'] as const) {
      expect(Math.abs(reports.expiry[key] - want[key])).toBeLessThanOrEqual(2)
    }
  })
})
