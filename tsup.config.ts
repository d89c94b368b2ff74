import { defineConfig } from 'tsup'
import { pureCalls } from './scripts/pure-calls.js'

/**
 * Every source module is its own entry, so `dist/` mirrors `src/` and the public entry files only
 * re-export. With `"sideEffects": false`, a bundler importing one function keeps that function's
 * module, its schemas and the core, and drops every other endpoint. (A single bundled file defeats
 * this: bundlers cannot prove its top-level schema constructions unused.)
 * fp-ts is types-only at run time (see src/core/either.ts).
 * `pureCalls` marks schema constructions pure at each call, so that esbuild-based bundlers also drop the
 * unused schemas of a module they keep (see scripts/pure-calls.ts).
 */
export default defineConfig({
  entry: ['src/**/*.ts'],
  format: ['esm', 'cjs'],
  target: 'es2022',
  platform: 'neutral',
  splitting: true,
  treeshake: false,
  sourcemap: false,
  clean: true,
  dts: {
    entry: [
      'src/index.ts',
      'src/v2/index.ts',
      'src/sandbox/index.ts',
      'src/webhooks/index.ts',
      'src/stores/index.ts',
      'src/stores/redis/index.ts',
      'src/otel/index.ts',
      'src/scheduling/index.ts',
    ],
  },
  external: ['ofetch', 'valibot', 'fp-ts', /^node:/],
  // Keep `node:http` as written: Deno and workerd resolve built-ins only with the `node:` prefix.
  removeNodeProtocol: false,
  esbuildPlugins: [pureCalls('src')],
})
