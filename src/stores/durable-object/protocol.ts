/**
 * What the stores send the {@link BridgeCoordinator} Durable Object, and the stub they send it through.
 * Plain JSON over the stub's `fetch`, which every Workers runtime supports (no RPC, no
 * `cloudflare:workers` import, so the SDK stays platform neutral).
 */

/** The part of a Durable Object stub the stores use. A real `DurableObjectStub` fits. */
export interface DurableObjectStubLike {
  fetch(
    url: string,
    init: { method: string; headers: Record<string, string>; body: string },
  ): Promise<Response>
}

/**
 * The part of a Durable Object namespace binding the stores use. A real `DurableObjectNamespace`
 * fits; nothing here depends on `@cloudflare/workers-types`.
 */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown
  get(id: never): DurableObjectStubLike
}

/** The coordinator's routes, one per store method. */
export type CoordinatorRoute =
  | 'token/get'
  | 'token/set'
  | 'token/delete'
  | 'limits/acquire'
  | 'limits/release'

/** Any origin works for a stub; this one names what is called in logs. */
const ORIGIN = 'https://bridgeapi-coordinator'

/**
 * Posts `body` to `route` of the object named `name`, and reads its JSON answer. Rejects on a non-2xx
 * answer with the status only (the body could quote a token).
 */
export const callCoordinator = async (
  namespace: DurableObjectNamespaceLike,
  name: string,
  route: CoordinatorRoute,
  body: unknown,
): Promise<unknown> => {
  const stub = namespace.get(namespace.idFromName(name) as never)
  const response = await stub.fetch(`${ORIGIN}/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!response.ok) {
    await response.body?.cancel()
    throw new Error(`Bridge coordinator answered ${response.status} to ${route}`)
  }
  return response.json()
}
