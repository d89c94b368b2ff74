// The pages the sandbox hands out (Connect, payment link, payment request, transfer, consent) and their routes.
import { createRouter } from '../router.js'
import type { SandboxState } from '../store.js'
import type { Sandbox } from '../types.js'
import { postConnectPage, showConnectPage } from './connect-page.js'
import type { PageContext } from './context.js'
import { h, pageResponse } from './html.js'
import { postPaymentLinkPage, showPaymentLinkPage } from './payment-page.js'

/**
 * The URLs the sandbox's API hands out, which a person opens in a browser: the Connect page, the
 * payment link page, and the confirmation pages of payment requests, transfers and consents.
 */

type PageHandler = (ctx: PageContext) => Response | Promise<Response>

const router = createRouter<PageHandler>()

router.add('GET', '/_sandbox/connect/session/:id', showConnectPage)
router.add('POST', '/_sandbox/connect/session/:id', postConnectPage)

router.add('GET', '/_sandbox/connect/user/:id', () =>
  pageResponse('Manage your connections', h`<p>User management session: nothing to do in the sandbox.</p>`),
)

router.add('GET', '/_sandbox/pay/link/:token', showPaymentLinkPage)
router.add('POST', '/_sandbox/pay/link/:token', postPaymentLinkPage)

// A payment request's consent URL: the request exists since it was created (its labels set its
// status), so the page only sends the payer back to the callback.
router.add('GET', '/_sandbox/pay/payment/:id/initiate', ({ state, params }) => {
  const request = state.payments.requests.get(params.id as string)
  if (!request)
    return pageResponse('Unknown payment request', h`<p>Unknown payment request.</p>`, { status: 404 })
  if (request.callbackUrl)
    return new Response(null, { status: 302, headers: { location: request.callbackUrl } })
  return pageResponse('Payment initiated', h`<p>Payment request ${request.id} initiated.</p>`)
})

// A Bridge Transfer's redirect_url: the transfer (or bulk transfer) exists since it was sent, so the
// page only confirms it; its status follows its labels.
router.add('GET', '/_sandbox/pay/transfer/:id', ({ state, params }) => {
  const id = params.id as string
  const known = state.listUsers().some(({ uuid }) => {
    const tables = state.transferTables(uuid)
    return tables.transfers.get(id) ?? tables.bulkTransfers.get(id)
  })
  return known
    ? pageResponse('Transfer confirmed', h`<p>Transfer ${id} confirmed.</p>`)
    : pageResponse('Unknown transfer', h`<p>Unknown transfer.</p>`, { status: 404 })
})

router.add('GET', '/_sandbox/pay/consent/:id/terms', () =>
  pageResponse('Payment consent', h`<p>Payment consent terms accepted.</p>`),
)

/**
 * The page route for a method and path, or `undefined` when none is a page.
 *
 * @param method - the request's method.
 * @param path - the URL's path.
 * @returns a handler taking the sandbox, its state, the request and its origin.
 */
export const pageRoute = (
  method: string,
  path: string,
):
  | ((
      target: { sandbox: Sandbox; state: SandboxState },
      request: Request,
      url: URL,
      origin: string,
    ) => Response | Promise<Response>)
  | undefined => {
  const match = router.match(method, path)
  if (match === 'not-found') return undefined
  return (target, request, url, origin) =>
    match.handler({ ...target, request, url, params: match.params, origin })
}
