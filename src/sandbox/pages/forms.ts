// The pages' form posts: who may send them (same origin, the flow's nonce) and where flows live.
import { crossSiteReason } from '../cross-site.js'
import { readBodyText } from '../input.js'
import type { SandboxState } from '../store.js'
import { randomToken } from './html.js'

/**
 * The sandbox's pages are the one place it accepts a browser's form posts. A post counts only when
 * it comes from the sandbox's own origin (`Origin` and `Sec-Fetch-Site`, as for the API) and carries
 * the nonce of the flow it acts on, which only a page the sandbox served holds: a web page on another
 * site can neither read that nonce nor pass the origin check, so it cannot complete a session.
 */

/** One person's progress through a page (a Connect session or a payment link): its nonce and step. */
export interface Flow<Step> {
  readonly nonce: string
  step: Step
}

/** Flows of one sandbox, by page kind and id; created when a page is first shown. */
const flows = new WeakMap<SandboxState, Map<string, Flow<unknown>>>()

/** The flow of `key` in this sandbox, started at `first` (with a fresh nonce) when there is none. */
export const flowOf = <Step>(state: SandboxState, key: string, first: () => Step): Flow<Step> => {
  let table = flows.get(state)
  if (!table) {
    table = new Map()
    flows.set(state, table)
  }
  let flow = table.get(key) as Flow<Step> | undefined
  if (!flow) {
    flow = { nonce: randomToken(), step: first() }
    table.set(key, flow as Flow<unknown>)
  }
  return flow
}

/** The most a page's form body may hold (the longest is a login and a password). */
const MAX_FORM_BYTES = 8 * 1024

/** A form post that passed the checks, or why it did not (status and message for the error page). */
export type FormPost =
  | { readonly ok: true; readonly fields: URLSearchParams }
  | { readonly ok: false; readonly status: number; readonly message: string }

/** Compares two strings in time independent of where they differ. */
const sameText = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/**
 * Reads a page's form post: same origin, `application/x-www-form-urlencoded`, at most 8 KiB, with
 * the flow's nonce.
 *
 * @param request - the POST received.
 * @param origin - the sandbox's own origin.
 * @param nonce - the nonce of the flow the form acts on.
 * @returns the form fields, or the refusal.
 */
export const readFormPost = async (request: Request, origin: string, nonce: string): Promise<FormPost> => {
  const crossSite = crossSiteReason(request, origin)
  if (crossSite)
    return { ok: false, status: 403, message: `Form posts from other sites are refused (${crossSite}).` }
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/x-www-form-urlencoded')
    return { ok: false, status: 415, message: 'A form post must be application/x-www-form-urlencoded.' }
  const text = await readBodyText(request, MAX_FORM_BYTES)
  if (text === undefined) return { ok: false, status: 413, message: 'The form is too large.' }
  const fields = new URLSearchParams(text)
  if (!sameText(fields.get('nonce') ?? '', nonce))
    return {
      ok: false,
      status: 403,
      message: 'This form is not from this page (wrong or missing nonce): reload the page.',
    }
  return { ok: true, fields }
}
