import { readdirSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Plugin } from 'esbuild'

/*
 * esbuild honours `@__NO_SIDE_EFFECTS__` only inside the file that declares the function, so a bundler
 * built on esbuild (Vite's dependency step, tsup, wrangler, Bun) keeps every unused `v.object(...)` of a
 * module it includes: the unused schemas of a models file, and every parameter schema of core/schema.ts.
 * This plugin writes `/* @__PURE__ *\/` at each call of a function declared side-effect free (valibot's
 * own annotations, and ours in src/), which every bundler honours across files.
 */

const NO_SIDE_EFFECTS =
  /\/\*\s*@__NO_SIDE_EFFECTS__\s*\*\/\s*(?:export\s+)?(?:function\s+|const\s+)([A-Za-z_$][\w$]*)/g

const declaredPure = (code: string): string[] => [...code.matchAll(NO_SIDE_EFFECTS)].map((m) => m[1]!)

/** Adds `/* @__PURE__ *\/` before calls of `v.<pure>(` and of our own pure functions `<pure>(`. */
export const annotatePureCalls = (
  code: string,
  valibot: ReadonlySet<string>,
  own: ReadonlySet<string>,
): string =>
  code.replace(
    /(?<![\w$.]|@__PURE__ \*\/ )(v\.)?([A-Za-z_$][\w$]*)(?=\s*(?:<[^;()]*>)?\()/g,
    (call, ns, name) => ((ns ? valibot.has(name) : own.has(name)) ? `/* @__PURE__ */ ${call}` : call),
  )

/** The esbuild plugin for tsup: annotates every .ts file of `srcDir` as it is loaded. */
export const pureCalls = (srcDir: string): Plugin => {
  const require = createRequire(import.meta.url)
  const valibot = new Set(declaredPure(readFileSync(require.resolve('valibot'), 'utf8')))
  const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
  const own = new Set(files.flatMap((file) => declaredPure(readFileSync(join(srcDir, file), 'utf8'))))
  return {
    name: 'pure-calls',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => ({
        contents: annotatePureCalls(await readFile(args.path, 'utf8'), valibot, own),
        loader: 'ts',
      }))
    },
  }
}
