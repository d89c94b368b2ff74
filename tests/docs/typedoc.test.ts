import { spawnSync } from 'node:child_process'
import { expect, it } from 'vitest'

// The API reference (`npm run docs`, typedoc.json) must build without a warning: an unexported type
// in a public signature, a broken {@link}, or a conflicting comment fails here. Nothing is written.
it('the API reference builds with no warnings or errors', () => {
  const run = spawnSync(process.execPath, ['node_modules/typedoc/bin/typedoc', '--emit', 'none'], {
    encoding: 'utf8',
    timeout: 120_000,
  })
  const problems = `${run.stdout}${run.stderr}`.split('\n').filter((line) => /\[(warning|error)\]/.test(line))
  expect(problems).toEqual([])
  expect(run.status).toBe(0)
}, 120_000)
