// Detects requests a web page sent from another site, so the sandbox can refuse them.
/**
 * Why a request comes from another web site, or `undefined` when it does not. Programs send
 * neither `Origin` nor `Sec-Fetch-Site`; browsers send an `Origin` with every POST (also `no-cors`
 * `text/plain` ones, which need no preflight) and `Sec-Fetch-Site` with every request. Another port on
 * 127.0.0.1 is another origin, and `same-site`.
 *
 * @param request - the request received.
 * @param ownOrigin - the sandbox's own origin.
 * @param navigation - whether a top-level navigation from another site is allowed (pages the sandbox hands out).
 * @returns the reason to refuse it, or `undefined`.
 */
export const crossSiteReason = (
  request: Request,
  ownOrigin: string,
  navigation = false,
): string | undefined => {
  const from = request.headers.get('origin')
  if (from !== null && from !== ownOrigin) return `requests from ${from} are refused`
  const site = request.headers.get('sec-fetch-site')
  const navigating = navigation && request.headers.get('sec-fetch-mode') === 'navigate'
  if (site !== null && site !== 'same-origin' && site !== 'none' && !navigating)
    return `${site} requests are refused`
  return undefined
}
