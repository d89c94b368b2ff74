/**
 * A Worker for the coordinator tests, run in workerd: the `coordinator` Worker hosts the Durable
 * Object; each caller Worker (its own isolate) runs concurrent SDK calls through the two stores.
 */
import { type ContextOptions, createContext, createRateLimiter, getAccount } from '../../../src/index.js'
import {
  type DurableObjectNamespaceLike,
  durableObjectRateLimitStore,
  durableObjectTokenStore,
} from '../../../src/stores/index.js'

export { BridgeCoordinator } from '../../../src/stores/index.js'

/** What a test posts: the sandbox's context options, who calls, how often, and a clock offset. */
export interface CallerJob {
  readonly options: Pick<ContextOptions, 'clientId' | 'clientSecret' | 'baseUrl'>
  readonly users: readonly { readonly uuid: string; readonly accountId: number }[]
  readonly callsPerUser: number
  /** Added to `Date.now()` for the SDK's clock, so a test can move past token expiries. */
  readonly offsetMs: number
}

export default {
  async fetch(request: Request, env: { COORDINATOR: DurableObjectNamespaceLike }): Promise<Response> {
    const job = (await request.json()) as CallerJob
    const now = () => Date.now() + job.offsetMs
    const tokenStore = durableObjectTokenStore(env.COORDINATOR, { now })
    const rateLimiter = createRateLimiter({ store: durableObjectRateLimitStore(env.COORDINATOR), now })
    const results = await Promise.all(
      job.users.flatMap(({ uuid, accountId }) =>
        Array.from({ length: job.callsPerUser }, async () => {
          const ctx = createContext({
            ...job.options,
            user: { uuid },
            tokenStore,
            rateLimiter,
            now,
            retry: 0,
          })
          const result = await getAccount(ctx, { accountId })()
          return result._tag === 'Right' ? 'Right' : `${result.left._tag}: ${result.left.message}`
        }),
      ),
    )
    return Response.json(results)
  },
}
