// sandboxContext: an SDK Context pointed at a sandbox (running, in-process, or by base URL).
import type { ContextOptions } from '../core/context.js'
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type Sandbox } from './types.js'

/** Where the sandbox is: a running one (`startSandbox`), an in-process one, or a base URL. */
export type SandboxTarget = string | { readonly url: string; readonly sandbox: Sandbox } | Sandbox

/**
 * Context options for the SDK pointing at a sandbox, with its credentials. With an in-process
 * sandbox, requests go straight to `sandbox.fetch` (no socket) at `http://localhost`; with a
 * sandbox object at hand, the SDK also reads the sandbox's clock, so tokens expire when the
 * sandbox says.
 *
 * @param target - `startSandbox()`'s result, a `createSandbox()` sandbox, or the sandbox's URL.
 * @param options - more context options (user, retry, hooks…), which win over these.
 * @returns options for `createContext` (from `bridgeapi` or `bridgeapi/v2`).
 * @example
 * ```ts
 * import { createContext } from 'bridgeapi'
 * import { createSandbox, sandboxContext } from 'bridgeapi/sandbox'
 * const sandbox = createSandbox({ seed: 1 })
 * const ctx = createContext(sandboxContext(sandbox, { user: { externalUserId: 'demo' } }))
 * ```
 */
export const sandboxContext = (
  target: SandboxTarget,
  options: Partial<ContextOptions> = {},
): ContextOptions => {
  const base: ContextOptions =
    typeof target === 'string'
      ? { clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET, baseUrl: target }
      : 'fetch' in target
        ? {
            clientId: target.clientId,
            clientSecret: target.clientSecret,
            baseUrl: 'http://localhost',
            fetch: target.fetch as typeof globalThis.fetch,
            now: target.clock.now,
          }
        : {
            clientId: target.sandbox.clientId,
            clientSecret: target.sandbox.clientSecret,
            baseUrl: target.url,
            now: target.sandbox.clock.now,
          }
  return { ...base, ...options }
}
