// Builds dist/ (tsup) only when it is missing, incomplete or older than its inputs, so `npm run demo`
// and `npm run sandbox` start in a second once built (a build takes most of a minute).
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const INPUTS = ['src', 'tsup.config.ts', 'scripts/pure-calls.ts', 'package.json', 'package-lock.json']
// tsup cleans dist/ first and writes declarations last: an interrupted build lacks some of these.
const OUTPUTS = [
  'dist/index.js',
  'dist/index.cjs',
  'dist/index.d.ts',
  'dist/sandbox/index.js',
  'dist/sandbox/cli.js',
]

/** The newest modification time under a file or folder. */
const newest = (path) => {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
}

/** The oldest modification time of the outputs, or -Infinity when one is missing. */
const oldestOutput = () => {
  try {
    return Math.min(...OUTPUTS.map((path) => statSync(path).mtimeMs))
  } catch {
    return Number.NEGATIVE_INFINITY
  }
}

if (oldestOutput() > Math.max(...INPUTS.map(newest))) {
  console.error('dist/ is up to date with src/: not rebuilding')
} else {
  console.error('Building dist/ (tsup)…')
  const { status } = spawnSync('npx', ['tsup', '--silent'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  })
  process.exit(status ?? 1)
}
