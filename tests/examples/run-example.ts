import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const exec = promisify(execFile)

/**
 * Runs an example as a user would (TypeScript through tsx), with the environment it documents.
 * `bridgeapi` resolves to the built package (the package's self-reference), so `npm run build` first.
 */
export const runExample = async (file: string, args: readonly string[], env: Record<string, string>) => {
  const { stdout } = await exec(process.execPath, ['--import', 'tsx', file, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return stdout.trim()
}
