import { defineConfig } from 'vitest/config'

/*
 * `npm test` runs every project; `npm run test:unit` runs only `unit`, the fast tests of the sources
 * (seconds). Anything slow by nature gets a project of its own, named after what it checks.
 */

/** The documentation: TSDoc of every export, the API reference (TypeDoc), the README's snippets and contents. */
const docsTests = [
  'tests/docs/**/*.test.ts',
  'tests/reliability/readme.test.ts',
  'tests/webhooks/docs.test.ts',
]

/** Token and rate-limit stores against their real backends: Redis (`redis-server`), Workers KV (Miniflare), Deno KV (Deno). */
const storesTests = [
  'tests/stores/**/*.test.ts',
  'tests/limiter/shared-store.test.ts',
  'tests/limiter/kv-store.test.ts',
  'tests/limiter/deno-kv-store.test.ts',
]

/** Thousands of cases or items each: property-based input fuzzing and sync histories, 10,500-item lists, 1,000 concurrent calls. */
const volumeTests = [
  'tests/reliability/fuzz.test.ts',
  'tests/reliability/pagination.test.ts',
  'tests/reliability/tokens.test.ts',
  'tests/sandbox/volume.test.ts',
  'tests/limiter/bridge-limits.test.ts',
  'tests/sync/property.test.ts',
  'tests/sync/cursor-fuzz.test.ts',
]

/** Tests of the built package (packaging, size budgets, examples, README snippets run in Node): they read dist/, so `npm test` builds first. */
const distTests = [
  'tests/packaging/**/*.test.ts',
  'tests/size/**/*.test.ts',
  'tests/examples/**/*.test.ts',
  'tests/docs/readme-snippets.test.ts',
]

/** The packed package on Node, Deno, Bun, workerd and the edge runtime (also reads dist/). */
const runtimeTests = ['tests/runtimes/**/*.test.ts']

/** Packs dist/ once per project run and provides the unpacked project to the tests (`inject('packed')`). */
const packed = ['tests/packaging/global-setup.ts']

export default defineConfig({
  test: {
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
          exclude: [...docsTests, ...storesTests, ...volumeTests, ...distTests, ...runtimeTests],
        },
      },
      // Type-checking the README and building the API reference take a minute on a busy 2-core machine.
      {
        extends: true,
        test: { name: 'docs', include: docsTests, exclude: distTests, testTimeout: 180_000 },
      },
      { extends: true, test: { name: 'stores', include: storesTests } },
      { extends: true, test: { name: 'volume', include: volumeTests } },
      { extends: true, test: { name: 'dist', include: distTests, globalSetup: packed } },
      { extends: true, test: { name: 'runtimes', include: runtimeTests, globalSetup: packed } },
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
    ],
  },
})
