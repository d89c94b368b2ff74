import { defineConfig } from 'vitest/config'

/** Tests of the built package (packaging, size budgets, runtime matrix, examples): they read dist/, so `npm test` builds first. */
const distTests = [
  'tests/packaging/**/*.test.ts',
  'tests/size/**/*.test.ts',
  'tests/runtimes/**/*.test.ts',
  'tests/examples/**/*.test.ts',
]

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: distTests } },
      {
        extends: true,
        test: { name: 'dist', include: distTests, globalSetup: ['tests/packaging/global-setup.ts'] },
      },
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
