/**
 * A recording `fetch` for unit tests: every request is recorded (method, path, query, headers, body)
 * and answered by a route table. Tests assert on the recorded requests; the answers are Bridge's own
 * documented bodies.
 */

export interface Recorded {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  /** The query string as sent, with its `?`, or `''`. */
  readonly search: string
  readonly headers: Headers
  readonly body: string | null
}

export type Responder = (request: Recorded, index: number) => Response | Promise<Response>

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

/** A response without a body (204, 202, or Bridge's empty 200/404s). */
export const empty = (status: number): Response => new Response(null, { status })

export const CLIENT = { clientId: 'client-id-123', clientSecret: 'super-secret-value-xyz' }
export const ACCESS_TOKEN = 'tok-0000000000000000000000000000000000000000-aaaa'

/**
 * More requests than any unit test needs. Past it the fake Bridge answers 400 (an error no pipeline
 * retries), so a loop in the SDK (a pagination cycle it fails to detect, a retry that never stops)
 * ends in a failed assertion within a second instead of hanging: such a loop runs on microtasks only,
 * and the test timeout, a timer, would never fire.
 */
export const MAX_REQUESTS = 1000

/** Builds a fetch that records requests and answers with `respond` (at most MAX_REQUESTS of them). */
export const recordingFetch = (respond: Responder) => {
  const requests: Recorded[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.text()
    const recorded: Recorded = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      search: url.search,
      headers: request.headers,
      body: body === '' ? null : body,
    }
    requests.push(recorded)
    if (requests.length > MAX_REQUESTS)
      return json(400, {
        errors: [{ code: 'fake_bridge.loop', message: `more than ${MAX_REQUESTS} requests` }],
      })
    return respond(recorded, requests.length - 1)
  }
  return { fetch: fetch as typeof globalThis.fetch, requests }
}

/** Bridge's documented Demo bank provider, what `getProvider` answers in the request tests. */
export const provider = {
  id: 574,
  name: 'Demo bank',
  country_code: 'FR',
  capabilities: ['aggregation'],
  images: { logo: 'https://web.bridgeapi.io/img/banks-logo/fr/demo.png' },
}

/** Retries after 1 to 5 ms, so that retry tests take no time. */
export const fastRetry = { baseDelayMs: 1, maxDelayMs: 5 }

/** The documented token response, expiring at `expiresAt`. */
export const tokenResponse = (expiresAt: string, accessToken = ACCESS_TOKEN) =>
  json(201, {
    access_token: accessToken,
    expires_at: expiresAt,
    user: { uuid: 'de305d54-75b4-431b-adb2-eb6b9e546014', external_user_id: 'user-001' },
  })

export const account = (id: number) => ({
  id,
  name: 'Compte Courant 1',
  balance: 1489.54,
  accounting_balance: 1489.54,
  instant_balance: 1463.89,
  updated_at: '2024-11-20T16:10:09.429Z',
  last_refresh_status: 'failed',
  type: 'checking',
  currency_code: 'EUR',
  item_id: 10154848,
  provider_id: 574,
  data_access: 'enabled',
  pro: false,
  iban: 'FR6914508000303386763591H62',
})

export const transaction = (id: number) => ({
  id,
  clean_description: 'CB Idfs G',
  provider_description: 'PAIEMENT PAR CARTE 25/11/2024 IDFS T2 G',
  amount: -194,
  date: '2024-11-25',
  updated_at: '2024-11-25T16:10:10.144Z',
  currency_code: 'EUR',
  deleted: false,
  category_id: 247,
  account_id: 48178050,
  future: false,
})

/**
 * A user context made by an entry's `createContext`, whose every request is recorded and answered 500:
 * for tests asserting that nothing is sent.
 */
export const recordingUserContext = (createContext: (options: any) => any) => {
  const { fetch, requests } = recordingFetch(() => json(500, {}))
  const ctx = createContext({
    clientId: 'id',
    clientSecret: 'secret',
    fetch,
    retry: 0,
    user: { uuid: 'u-1' },
  })
  return { ctx, requests }
}
