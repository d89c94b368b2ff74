/**
 * A Cloudflare Worker on the Bridge API: `GET /accounts?user=<your user id>` lists the user's accounts,
 * `GET /accounts/<id>?user=…` gets one. User tokens live in Workers KV, so every isolate shares them.
 *
 * Deploy: `npx wrangler deploy` (see wrangler.toml), after `npx wrangler secret put BRIDGE_CLIENT_SECRET`.
 */
import { collect, createContext, formatError, getAccount, listAccounts } from 'bridgeapi'
import { type KvNamespaceLike, kvTokenStore } from 'bridgeapi/stores'

export interface Env {
  readonly BRIDGE_CLIENT_ID: string
  readonly BRIDGE_CLIENT_SECRET: string
  /** A KV namespace for user tokens. */
  readonly BRIDGE_TOKENS: KvNamespaceLike
  /** Another API origin (the local sandbox in tests); Bridge's by default. */
  readonly BRIDGE_BASE_URL?: string
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url)
    const user = url.searchParams.get('user')
    if (!user) return Response.json({ error: 'add ?user=<your user id>' }, { status: 400 })
    const ctx = createContext({
      clientId: env.BRIDGE_CLIENT_ID,
      clientSecret: env.BRIDGE_CLIENT_SECRET,
      user: { externalUserId: user },
      tokenStore: kvTokenStore(env.BRIDGE_TOKENS),
      ...(env.BRIDGE_BASE_URL ? { baseUrl: env.BRIDGE_BASE_URL } : {}),
    })

    const [, resource, id] = url.pathname.split('/')
    if (resource !== 'accounts') return Response.json({ error: 'not found' }, { status: 404 })
    const result = id
      ? await getAccount(ctx, { accountId: Number(id) })()
      : await collect(listAccounts(ctx), { max: 1000 })()
    if (result._tag === 'Right') return Response.json(result.right)
    // Errors are values: map them to HTTP without try/catch. formatError never shows a secret.
    const error = result.left
    const status =
      error._tag === 'ApiError' && error.status === 404
        ? 404
        : error._tag === 'InputValidationError'
          ? 400
          : 502
    return Response.json({ error: formatError(error) }, { status })
  },
}
