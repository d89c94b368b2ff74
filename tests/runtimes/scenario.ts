/*
 * The end-to-end scenario every runtime runs against the sandbox, using the built package. It gets the
 * package's module from its caller (`import * as sdk from 'bridgeapi'`, `require('bridgeapi')`, a bundle),
 * so this file imports nothing at run time and compiles to ESM and CJS alike.
 */
import type * as Sdk from '../../src/index.js'

/** What the test passes in: where the sandbox is and what to ask for. */
export interface ScenarioConfig {
  readonly baseUrl: string
  readonly clientId: string
  readonly clientSecret: string
  readonly externalUserId: string
  readonly accountId: number
  readonly missingAccountId: number
  readonly pageSize: number
}

/** Plain JSON, compared by the test across runtimes. */
export interface ScenarioResult {
  /** Which runtime ran it, as the runtime itself says. */
  readonly runtime: string
  readonly token: { readonly tag: string; readonly expiresInMs?: number; readonly secretHidden?: boolean }
  readonly account: unknown
  readonly transactionIds: readonly number[]
  readonly pages: number
  readonly error: unknown
  readonly requests: readonly string[]
}

/** The runtime's own name and version, from its globals. */
const runtimeName = (): string => {
  const g = globalThis as Record<string, any>
  if (g.Deno) return `deno ${g.Deno.version.deno}`
  if (g.Bun) return `bun ${g.Bun.version}`
  if (typeof g.EdgeRuntime === 'string') return `edge-runtime ${g.EdgeRuntime}`
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd'
  return `node ${g.process.versions.node}`
}

type SdkModule = Pick<typeof Sdk, 'createContext' | 'renewAuth' | 'getAccount' | 'listTransactions'>

export async function runScenario(sdk: SdkModule, config: ScenarioConfig): Promise<ScenarioResult> {
  const requests: string[] = []
  const ctx = sdk.createContext({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    baseUrl: config.baseUrl,
    user: { externalUserId: config.externalUserId },
    retry: 0,
    hooks: {
      onRequest: (event) => {
        const url = new URL(event.url)
        requests.push(`${event.method} ${url.pathname}${url.search}`)
      },
    },
  })

  const token = await sdk.renewAuth(ctx)()
  const account = await sdk.getAccount(ctx, { accountId: config.accountId })()

  const transactionIds: number[] = []
  let pages = 0
  for await (const page of sdk.listTransactions(ctx, { limit: config.pageSize }).pages()) {
    if (page._tag === 'Left')
      return Promise.reject(new Error(`listTransactions failed: ${page.left.message}`))
    pages += 1
    for (const tx of page.right.items) transactionIds.push(tx.id)
  }

  const missing = await sdk.getAccount(ctx, { accountId: config.missingAccountId })()

  return {
    runtime: runtimeName(),
    token:
      token._tag === 'Right'
        ? {
            tag: 'Right',
            expiresInMs: Math.round((Date.parse(token.right.expiresAt) - Date.now()) / 60_000) * 60_000,
            secretHidden:
              JSON.stringify(token.right) ===
              JSON.stringify({ accessToken: '[redacted]', expiresAt: token.right.expiresAt }),
          }
        : { tag: 'Left' },
    account:
      account._tag === 'Right'
        ? { id: account.right.id, name: account.right.name, balance: account.right.balance }
        : account.left,
    transactionIds,
    pages,
    error:
      missing._tag === 'Left' && missing.left._tag === 'ApiError'
        ? {
            _tag: missing.left._tag,
            status: missing.left.status,
            code: missing.left.code,
            path: missing.left.path,
          }
        : missing,
    requests,
  }
}
