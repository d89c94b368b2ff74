import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expected, expectedExpiry, type ScenarioName } from './contract.js'

const deno = join(process.cwd(), 'node_modules', '.bin', 'deno')

describe('denoKvTokenStore (Deno KV, inside Deno)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bridgeapi-denokv-'))
  let reports: Record<string, any>
  beforeAll(async () => {
    const script = join(dir, 'run-contract.mjs')
    await build({
      entryPoints: ['tests/stores/deno/run-contract.ts'],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      outfile: script,
      logLevel: 'error',
    })
    // Only the test directory is readable and writable: the store needs nothing else.
    const out = execFileSync(
      deno,
      ['run', '--unstable-kv', `--allow-read=${dir}`, `--allow-write=${dir}`, script, dir],
      { encoding: 'utf8', timeout: 60_000 },
    )
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
