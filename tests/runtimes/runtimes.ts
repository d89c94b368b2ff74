import { execFile } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { EdgeRuntime } from 'edge-runtime'
import { build, transform } from 'esbuild'
import { Miniflare } from 'miniflare'
import type { ScenarioConfig, ScenarioResult } from './scenario.js'

/*
 * Runs the scenario on each runtime, against the installed package (node_modules/bridgeapi of the packed
 * tarball). Every runtime binary comes from an npm package in devDependencies; nothing is downloaded.
 */

const run = promisify(execFile)
const bin = (name: string) => resolve(import.meta.dirname, '../../node_modules/.bin', name)

/** Writes scenario.mjs and scenario.cjs (plain JS, no import) into `dir`, a folder of the installed project. */
export const prepare = async (dir: string): Promise<void> => {
  mkdirSync(dir, { recursive: true })
  const { readFile } = await import('node:fs/promises')
  const source = await readFile(resolve(import.meta.dirname, 'scenario.ts'), 'utf8')
  for (const [format, ext] of [
    ['esm', 'mjs'],
    ['cjs', 'cjs'],
  ] as const) {
    const { code } = await transform(source, { loader: 'ts', format, target: 'es2022' })
    writeFileSync(join(dir, `scenario.${ext}`), code)
  }
  // Deno resolves bare specifiers from node_modules when a package.json declares them.
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ private: true, dependencies: { bridgeapi: '*' } }),
  )
}

const esmEntry = (config: ScenarioConfig) => `import * as sdk from 'bridgeapi'
import { runScenario } from './scenario.mjs'
console.log(JSON.stringify(await runScenario(sdk, ${JSON.stringify(config)})))
`

const cjsEntry = (config: ScenarioConfig) => `const sdk = require('bridgeapi')
const { runScenario } = require('./scenario.cjs')
runScenario(sdk, ${JSON.stringify(config)}).then((result) => console.log(JSON.stringify(result)))
`

/** The last stdout line of a child process, parsed. */
const resultOf = (stdout: string): ScenarioResult => JSON.parse(stdout.trim().split('\n').at(-1)!)

const child = async (dir: string, file: string, source: string, command: string, args: string[]) => {
  writeFileSync(join(dir, file), source)
  const { stdout } = await run(command, [...args, file], { cwd: dir, timeout: 50_000 })
  return resultOf(stdout)
}

/** Bundles a Worker-style entry the way wrangler / Vercel do: ESM, browser, with the runtime's conditions. */
export const bundleFor = async (
  dir: string,
  contents: string,
  conditions: string[],
  format: 'esm' | 'iife',
): Promise<string> => {
  const result = await build({
    stdin: { contents, resolveDir: dir, loader: 'js' },
    bundle: true,
    format,
    platform: 'browser',
    conditions,
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

/** Runs an ES module Worker in workerd (through Miniflare) for the time of `use`. */
export const withWorker = async <T>(
  options: { script: string; bindings?: Record<string, string>; kvNamespaces?: string[] },
  use: (mf: Miniflare) => Promise<T>,
): Promise<T> => {
  const mf = new Miniflare({ modules: true, compatibilityDate: '2025-01-15', ...options })
  try {
    return await use(mf)
  } finally {
    await mf.dispose()
  }
}

/** Runs `deno <args>` in `dir`, with its cache in `dir` and no update check. */
export const deno = (dir: string, args: string[], env: Record<string, string> = {}) =>
  run(bin('deno'), args, {
    cwd: dir,
    timeout: 50_000,
    env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(dir, '.deno'), ...env },
  })

/** `deno run` flags: packages from node_modules (as after `npm install`), no remote code, loopback only, read `dir`. */
export const denoRunFlags = (dir: string): string[] => [
  '--no-prompt',
  '--no-remote',
  '--node-modules-dir=manual',
  '--allow-net=127.0.0.1',
  `--allow-read=${dir}`,
]

export interface Runtime {
  /** What the scenario must report as its runtime. */
  readonly name: string | RegExp
  readonly run: (dir: string, config: ScenarioConfig) => Promise<ScenarioResult>
}

export const runtimes: Record<string, Runtime> = {
  'Node (ESM import)': {
    name: `node ${process.versions.node}`,
    run: (dir, config) => child(dir, 'node-esm.mjs', esmEntry(config), process.execPath, []),
  },
  'Node (CJS require)': {
    name: `node ${process.versions.node}`,
    run: (dir, config) => child(dir, 'node-cjs.cjs', cjsEntry(config), process.execPath, []),
  },
  Deno: {
    name: 'deno 2.9.6',
    run: async (dir, config) => {
      writeFileSync(join(dir, 'deno.mjs'), esmEntry(config))
      return resultOf((await deno(dir, ['run', ...denoRunFlags(dir), 'deno.mjs'])).stdout)
    },
  },
  Bun: {
    name: 'bun 1.4.5',
    run: (dir, config) => child(dir, 'bun.mjs', esmEntry(config), bin('bun'), ['run', '--no-install']),
  },
  'Cloudflare workerd (Miniflare)': {
    name: 'workerd',
    run: async (dir, config) => {
      const script = await bundleFor(
        dir,
        `import * as sdk from 'bridgeapi'
import { runScenario } from './scenario.mjs'
export default { fetch: async () => Response.json(await runScenario(sdk, ${JSON.stringify(config)})) }`,
        ['workerd', 'worker', 'browser'],
        'esm',
      )
      return withWorker(
        { script },
        async (mf) => (await mf.dispatchFetch('http://worker.test/')).json() as Promise<ScenarioResult>,
      )
    },
  },
  'Vercel edge runtime': {
    name: /^edge-runtime /,
    run: async (dir, config) => {
      const script = await bundleFor(
        dir,
        `import * as sdk from 'bridgeapi'
import { runScenario } from './scenario.mjs'
addEventListener('fetch', (event) => {
  event.respondWith(runScenario(sdk, ${JSON.stringify(config)}).then((result) => Response.json(result)))
})`,
        ['edge-light', 'worker', 'browser'],
        'iife',
      )
      const runtime = new EdgeRuntime({ initialCode: script })
      const response = await runtime.dispatchFetch('http://edge.test/')
      await response.waitUntil()
      return (await response.json()) as ScenarioResult
    },
  },
}
