import { copyFileSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.js'
import { bundleFor, deno, denoRunFlags, prepare, withWorker } from './runtimes.js'

/*
 * The README's Cloudflare Worker and Deno examples, copied into a project where bridgeapi is the packed
 * package (as after `npm install bridgeapi`), run against the sandbox over loopback HTTP.
 */

const examples = resolve(import.meta.dirname, '../../examples')
const externalUserId = 'examples-user'
let running: RunningSandbox
let userUuid: string
const dir = () => join(inject('packed').projectDir, 'examples')

beforeAll(async () => {
  running = await startSandbox({
    port: 0,
    seed: 'examples',
    users: [{ externalUserId, transactions: 40, accounts: 2 }],
  })
  userUuid = running.sandbox.findUser('externalUserId', externalUserId)!.uuid
  await prepare(dir())
})

afterAll(async () => {
  await running?.close()
})

interface KvList {
  list(): Promise<{ keys: { name: string }[] }>
}

const tokenRequests = () =>
  running.sandbox.requests.filter(
    (r) => r.method === 'POST' && r.path === '/v3/aggregation/authorization/token',
  ).length

describe('examples/worker (Cloudflare Worker, in workerd)', () => {
  test('lists accounts, gets one, maps a 404 and a missing user; tokens kept in KV', async () => {
    copyFileSync(join(examples, 'worker/worker.ts'), join(dir(), 'worker.ts'))
    const script = await bundleFor(
      dir(),
      `export { default } from './worker.ts'`,
      ['workerd', 'worker', 'browser'],
      'esm',
    )
    const accounts = running.sandbox.accounts(userUuid)
    const bindings = {
      BRIDGE_CLIENT_ID: running.sandbox.clientId,
      BRIDGE_CLIENT_SECRET: running.sandbox.clientSecret,
      BRIDGE_BASE_URL: running.url,
    }
    const tokensBefore = tokenRequests()
    await withWorker({ script, bindings, kvNamespaces: ['BRIDGE_TOKENS'] }, async (mf) => {
      const get = async (path: string) => {
        const response = await mf.dispatchFetch(`http://worker.test${path}`)
        return { status: response.status, body: (await response.json()) as any }
      }
      const list = await get(`/accounts?user=${externalUserId}`)
      expect(list.status).toBe(200)
      expect(list.body.map((a: { id: number; name: string }) => [a.id, a.name])).toEqual(
        accounts.map((a) => [a.id, a.name]),
      )
      const one = await get(`/accounts/${accounts[1]!.id}?user=${externalUserId}`)
      expect([one.status, one.body.id, one.body.balance]).toEqual([
        200,
        accounts[1]!.id,
        accounts[1]!.balance,
      ])
      expect(await get(`/accounts/999999999?user=${externalUserId}`)).toEqual({
        status: 404,
        body: {
          // The sandbox stamps each answer with its own X-Request-Id, which formatError ends with.
          error: expect.stringMatching(
            new RegExp(
              `^ApiError 404: Account 999999999 not found for user ${userUuid} \\(GET /v3/aggregation/accounts/999999999\\) \\[request id [0-9a-f-]{36}\\]$`,
            ),
          ),
        },
      })
      expect(await get('/accounts')).toEqual({ status: 400, body: { error: 'add ?user=<your user id>' } })

      // One token for the three calls, stored in KV under a key that names the user, not the token.
      expect(tokenRequests() - tokensBefore).toBe(1)
      // Miniflare types KV with @cloudflare/workers-types, not installed here: the part used is typed inline.
      const kv = (await mf.getKVNamespace('BRIDGE_TOKENS')) as unknown as KvList
      const { keys } = await kv.list()
      expect(keys.map((k) => k.name)).toEqual([expect.stringContaining(externalUserId)])
    })
  })
})

describe('examples/deno (Deno)', () => {
  test('type-checks with deno check and prints every account with its transaction count', async () => {
    copyFileSync(join(examples, 'deno/main.ts'), join(dir(), 'main.ts'))
    // Types come from the packed package's .d.ts, checked by Deno's own TypeScript.
    await deno(dir(), ['check', '--no-remote', '--node-modules-dir=manual', 'main.ts'])
    const env = {
      BRIDGE_CLIENT_ID: running.sandbox.clientId,
      BRIDGE_CLIENT_SECRET: running.sandbox.clientSecret,
      BRIDGE_BASE_URL: running.url,
    }
    const { stdout } = await deno(
      dir(),
      ['run', ...denoRunFlags(dir()), `--allow-env=${Object.keys(env).join(',')}`, 'main.ts', externalUserId],
      env,
    )
    const expected = running.sandbox
      .accounts(userUuid)
      .map(
        (a) =>
          `${a.name}: ${a.balance} ${a.currencyCode}, ${running.sandbox.transactions(userUuid, 'updated', a.id).length} transactions`,
      )
    expect(stdout.trim().split('\n')).toEqual(expected)
  }, 60_000) // deno check type-checks valibot's declarations from a cold cache: 5 to 13 s here
})

test('the Runtimes guide quotes both examples verbatim', () => {
  const readme = readFileSync(resolve(examples, '../docs/runtimes.md'), 'utf8')
  for (const file of ['worker/worker.ts', 'deno/main.ts']) {
    const quoted = new RegExp(`<!-- quote:examples/${file} -->\\n\`\`\`ts\\n([\\s\\S]*?)\`\`\``).exec(readme)
    expect(quoted?.[1]).toBe(readFileSync(join(examples, file), 'utf8'))
  }
})
