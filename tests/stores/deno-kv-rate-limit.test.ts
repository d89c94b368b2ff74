/** The Deno KV rate-limit store inside Deno, on real Deno KV (SQLite), shared by three stores. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { deno, runInDeno } from '../support/deno.js'

describe('denoKvRateLimitStore (Deno KV, inside Deno)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bridgeapi-denokv-limits-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('is exact across stores: of 150 concurrent asks for 60 slots, exactly 60 win', async () => {
    const out = await runInDeno('tests/stores/deno/run-limits.ts', dir, 120_000)
    expect(JSON.parse(out)).toEqual({
      granted: 60,
      // Every slot is in flight: none frees sooner than a full window from now.
      retryAts: [60_000],
      // r0 released at `now` frees at now + 60 s; the other 59 hold until their lease ends (now + 90 s).
      afterRelease: { granted: true },
      full: { granted: false, retryAt: 90_000 },
    })
  }, 180_000)

  it('a real Deno.Kv fits DenoKvRateLimitLike (deno check, with Deno’s own types)', () => {
    const file = join(dir, 'types.ts')
    writeFileSync(
      file,
      `import { type DenoKvRateLimitLike } from '${resolve('src/stores/index.ts')}'\nexport const kv: DenoKvRateLimitLike = await Deno.openKv()\n`,
    )
    const out = execFileSync(deno, ['check', '--unstable-sloppy-imports', '--unstable-kv', file], {
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(out).toBe('')
  }, 180_000)
})
