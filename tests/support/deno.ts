import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { build } from 'esbuild'

/** The Deno binary of the `deno` dev dependency. */
export const deno = join(process.cwd(), 'node_modules', '.bin', 'deno')

/**
 * Bundles `entry` (TypeScript) and runs it in Deno with Deno KV, reading and writing only `dir`
 * (passed as its first argument, where it keeps its SQLite files). Returns what it printed.
 */
export const runInDeno = async (entry: string, dir: string, timeout = 60_000): Promise<string> => {
  const script = join(dir, 'script.mjs')
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile: script,
    logLevel: 'error',
  })
  // Only the test directory is readable and writable: the stores need nothing else.
  return execFileSync(
    deno,
    ['run', '--unstable-kv', `--allow-read=${dir}`, `--allow-write=${dir}`, script, dir],
    {
      encoding: 'utf8',
      timeout,
    },
  )
}
