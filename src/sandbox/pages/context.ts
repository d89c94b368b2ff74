// What a page handler receives, and the error page.
import type { SandboxState } from '../store.js'
import type { Sandbox } from '../types.js'
import { h, pageResponse } from './html.js'

/** A page request: the sandbox, the request, its URL and path parameters, the sandbox's origin. */
export interface PageContext {
  readonly sandbox: Sandbox
  readonly state: SandboxState
  readonly request: Request
  readonly url: URL
  readonly params: Readonly<Record<string, string>>
  /** The sandbox's own origin (its listening address or configured base URL). */
  readonly origin: string
}

/** A page saying what went wrong, with its status. */
export const problemPage = (status: number, message: string): Response =>
  pageResponse('Something went wrong', h`<p class="error" role="alert">${message}</p>`, { status })

/** The origin of a callback URL, for the pages' `form-action` (none when there is no callback). */
export const callbackOrigins = (callbackUrl: string | undefined): string[] =>
  callbackUrl === undefined ? [] : [new URL(callbackUrl).origin]
