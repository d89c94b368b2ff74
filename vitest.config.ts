import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/*
 * `npm test` runs every project; `npm run test:unit` runs only `unit`, the fast tests of the sources
 * (seconds). A project is a folder: anything slow by nature lives in the folder named after its project
 * (tests/docs, tests/stores, tests/volume, tests/dist, tests/runtimes, tests/types, tests/browser), every other folder
 * of tests/ (sorted by area: core, v3, sandbox, …) is `unit`. To move a test to a project, move its file.
 */

/** The folders of the projects other than `unit`, each holding exactly its project's tests. */
const SLOW = ['docs', 'stores', 'volume', 'dist', 'runtimes', 'types', 'browser'] as const

const folder = (name: (typeof SLOW)[number]) => [`tests/${name}/**/*.test.ts`]

/** Packs dist/ once per project run and provides the unpacked project to the tests (`inject('packed')`). */
const packed = ['tests/dist/packaging/global-setup.ts']

/*
 * Projects that start servers, runtimes, browsers or compilers (redis-server, Miniflare, Deno, Bun, Chromium, tsc, TypeDoc,
 * esbuild) run one file at a time (`fileParallelism: false`), each in a group of its own
 * (`sequence.groupOrder`, lowest first): on CI's 2 cores two of them at once starve each other into
 * timeouts. `unit`, `volume` and `types` are CPU-bound in-process work and share group 0.
 */
const serial = (groupOrder: number) => ({ fileParallelism: false, sequence: { groupOrder } })

export default defineConfig({
  test: {
    // A hang is a failure: no test or hook waits longer than this unless its project says so below.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // The unit tests patch no globals and share no state through modules, so one module graph per
          // worker is safe; re-importing valibot and the sources for every file tripled the run's CPU time.
          isolate: false,
          include: ['tests/**/*.test.ts'],
          exclude: SLOW.map((name) => `tests/${name}/**`),
        },
      },
      /** Thousands of cases or items each: property-based fuzzing and sync histories, 10,500-item lists, 1,000 concurrent calls. */
      { extends: true, test: { name: 'volume', include: folder('volume') } },
      {
        extends: true,
        test: {
          name: 'types',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['tests/types/**/*.test-d.ts'],
            ignoreSourceErrors: true,
          },
        },
      },
      /** Token and rate-limit stores against their real backends: Redis (`redis-server`), Workers KV (Miniflare), Deno KV (Deno). */
      { extends: true, test: { name: 'stores', include: folder('stores'), ...serial(1) } },
      /** TSDoc of every export, the API reference (TypeDoc), the README's contents; type-checking takes a minute on 2 busy cores. */
      { extends: true, test: { name: 'docs', include: folder('docs'), testTimeout: 180_000, ...serial(2) } },
      /** The built package (packaging, size budgets, examples, README snippets run in Node): `npm test` builds first. */
      { extends: true, test: { name: 'dist', include: folder('dist'), globalSetup: packed, ...serial(3) } },
      /** The sandbox's pages and examples/full-loop clicked through in Debian's Chromium (playwright-core). */
      {
        extends: true,
        test: {
          name: 'browser',
          include: folder('browser'),
          // examples/full-loop imports `bridgeapi` by name: here it is the sources, as tsconfig's paths say.
          alias: [
            { find: /^bridgeapi$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
            {
              find: /^bridgeapi\/(.*)$/,
              replacement: fileURLToPath(new URL('./src/$1/index.ts', import.meta.url)),
            },
          ],
          testTimeout: 60_000,
          ...serial(5),
        },
      },
      /** The packed package on Node, Deno, Bun, workerd and the edge runtime. */
      {
        extends: true,
        test: { name: 'runtimes', include: folder('runtimes'), globalSetup: packed, ...serial(4) },
      },
    ],
  },
})
