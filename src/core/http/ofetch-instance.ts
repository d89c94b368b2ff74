/** The part of an ofetch instance (ofetch's, Nuxt's or Nitro's `$fetch`) a context may send with. */

/**
 * What the SDK uses of an ofetch instance (ofetch's, Nuxt's or Nitro's `$fetch`): `create`, to layer its
 * defaults over yours, and `raw`, to send. Declared here, not imported from ofetch, whose declarations
 * need undici and Node's types: a strict project without `@types/node` must compile against ours.
 *
 * @example
 * ```ts
 * import { createContext, type OfetchInstance } from 'bridgeapi'
 * import { ofetch } from 'ofetch'
 * const $fetch: OfetchInstance = ofetch.create({ onRequest: () => console.log('sending') })
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', $fetch })
 * ```
 */
export interface OfetchInstance {
  /** Sends a request and resolves to the response. */
  raw(request: string, options?: object): Promise<Response>
  /** A new instance with these defaults layered over this one's (interceptors kept). */
  create(defaults: object, globalOptions?: { fetch?: typeof globalThis.fetch }): OfetchInstance
}
