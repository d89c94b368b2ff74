/**
 * The README's TypeScript snippets, run as a reader would run them: compiled with esbuild and executed by
 * Node as ES modules against the built package (dist/), with Bridge's origin routed to the sandbox over
 * loopback HTTP. A snippet that cannot run that way says why in a `<!-- not-run: … -->` comment before
 * its fence. (tests/docs/readme.test.ts type-checks them all; this file needs `npm run build`.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.js'
import { readmeOwnText, runSnippet, snippets } from '../support/readme.js'

const all = snippets(readmeOwnText)
const runnable = all.filter((snippet) => snippet.notRun === undefined)

/** The snippet's first line of code, to name its test. */
const title = (code: string) =>
  code
    .split('\n')
    .find((line) => line && !line.startsWith('import'))!
    .trim()

let server: RunningSandbox
beforeAll(async () => {
  server = await startSandbox({ seed: 7, users: [{ externalUserId: 'customer-42', transactions: 60 }] })
})
afterAll(() => server?.close())

describe('README snippets run in Node', () => {
  it('runs most of them, the Quick start first, and says why for each one it does not', () => {
    expect(all[0]?.code).toContain('createContext')
    expect(all[0]?.notRun).toBeUndefined()
    expect(all[1]?.notRun).toBeUndefined()
    expect(runnable.length).toBeGreaterThanOrEqual(5)
    expect(
      all.filter((snippet) => snippet.notRun !== undefined && snippet.notRun.trim().length < 10),
    ).toEqual([])
  })

  for (const [i, { code }] of runnable.entries()) {
    it(`snippet ${i + 1}: ${title(code)}`, async () => {
      const run = await runSnippet(code, {
        sandboxUrl: server.url,
        env: { BRIDGE_CLIENT_ID: server.sandbox.clientId, BRIDGE_CLIENT_SECRET: server.sandbox.clientSecret },
      })
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      // A snippet that prints shows data, not an error rendered by formatError or console.log.
      if (code.includes('console.log')) expect(run.stdout).not.toBe('')
      expect(run.stdout).not.toMatch(/[A-Z][A-Za-z]+Error\b/)
    })
  }
})
