/**
 * `npm publish --dry-run` of the repository is clean: it exits 0 with no warning, and would publish the
 * built package, the README, the licence and package.json, nothing else. Offline: `--dry-run` uploads
 * nothing, `--offline` and a registry on a closed local port keep npm from the network, and a dummy
 * token for that registry stops the "log in" warning. Needs `npm run build` (the dist project's rule).
 */
import { execFile } from 'node:child_process'
import { expect, test } from 'vitest'

const REGISTRY = 'http://127.0.0.1:9/' // the discard port: nothing listens there

const publishDryRun = () =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(
      'npm',
      [
        'publish',
        '--dry-run',
        '--json',
        '--ignore-scripts', // prepack would build again: dist/ is built before the dist project runs
        '--offline',
        '--registry',
        REGISTRY,
        `--${REGISTRY.replace(/^http:/, '')}:_authToken=dry-run`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })

test('npm publish --dry-run is clean and publishes dist/, README.md and LICENSE only', async () => {
  const { code, stdout, stderr } = await publishDryRun()
  expect(code, stderr).toBe(0)
  expect(stderr.split('\n').filter((line) => /\bwarn\b|\bERR\b/i.test(line))).toEqual([])
  const report = JSON.parse(stdout) as Record<string, { files: { path: string }[] }>
  const files = Object.values(report)[0]!.files.map((file) => file.path)
  expect(files.filter((path) => !path.startsWith('dist/'))).toEqual(['LICENSE', 'README.md', 'package.json'])
  expect(files).toContain('dist/index.js')
  expect(files).toContain('dist/index.d.ts')
  expect(files).toContain('dist/sandbox/cli.js')
  expect(files.filter((path) => /^(src|tests|docs|scripts|examples|bench)\//.test(path))).toEqual([])
}, 90_000)
