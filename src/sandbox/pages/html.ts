// HTML building blocks of the sandbox's pages: escaping, the layout, form fields and the headers (CSP).

/**
 * The pages are plain HTML with one inline style sheet: no script, no image, no external asset. The
 * Content-Security-Policy allows only that style sheet (by a nonce made for each response) and form
 * posts to the sandbox itself and to the app's callback origin (a post answered by a redirect to it).
 */

/** Escapes text for HTML content and quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** An HTML fragment: text that is already escaped. Build them with {@link h}, never by hand. */
export interface Html {
  readonly html: string
}

type Part = Html | string | number | undefined | false | readonly Part[]

const render = (part: Part): string => {
  if (part === undefined || part === false) return ''
  if (Array.isArray(part)) return part.map(render).join('')
  if (typeof part === 'object') return (part as Html).html
  return escapeHtml(String(part))
}

/** A template tag that escapes every interpolated value unless it is already {@link Html}. */
export const h = (strings: TemplateStringsArray, ...values: readonly Part[]): Html => ({
  html: strings.reduce((out, text, i) => out + text + (i < values.length ? render(values[i]) : ''), ''),
})

/** Random hex from the platform's CSPRNG (never the seeded stream: a web page must not guess it). */
export const randomToken = (bytes = 16): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('')

const STYLE = `
body{font:16px/1.45 system-ui,sans-serif;background:#f3f5f9;color:#17202e;margin:0}
main{max-width:30rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem 1.75rem;box-shadow:0 2px 12px #0002}
header{display:flex;justify-content:space-between;align-items:center;gap:1rem}
h1{font-size:1.3rem;margin:.2rem 0 1rem}
.tag{font-size:.8rem;color:#5a6578}
label{display:block;margin:.8rem 0 .25rem;font-weight:600}
input[type=text],input[type=password],input[type=search]{width:100%;box-sizing:border-box;padding:.55rem;border:1px solid #b8c0cc;border-radius:6px;font:inherit}
button{font:inherit;padding:.55rem 1rem;border-radius:6px;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer;margin-top:1rem}
button.secondary{background:#fff;color:#1d4ed8}
ul.list{list-style:none;padding:0;margin:0}
ul.list button{width:100%;text-align:left;background:#fff;color:#17202e;border-color:#d6dbe3;margin-top:.4rem}
.check{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.4rem 0}
.error{background:#fdecec;color:#8a1c1c;border-radius:6px;padding:.6rem .8rem}
.hint{font-size:.85rem;color:#5a6578}
table{border-collapse:collapse;font-size:.85rem;margin-top:.5rem}td,th{border-bottom:1px solid #e3e7ee;padding:.25rem .5rem;text-align:left}
form.inline{display:inline}
`

/** What a page response needs besides its content. */
export interface PageOptions {
  readonly status?: number
  /** Origins, besides the sandbox's, a form may post to (the app's callback). */
  readonly formTargets?: readonly string[]
}

/** The Content-Security-Policy of a page whose style sheet carries `styleNonce`. */
export const contentSecurityPolicy = (styleNonce: string, formTargets: readonly string[] = []): string =>
  [
    "default-src 'none'",
    `style-src 'nonce-${styleNonce}'`,
    ['form-action', "'self'", ...formTargets].join(' '),
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ')

/** Headers every page response has: no caching, no framing, no referrer to the app. */
const pageHeaders = (csp: string): Record<string, string> => ({
  'content-security-policy': csp,
  'cache-control': 'no-store',
  // `same-origin`, not `no-referrer`: with no referrer Chromium sends `Origin: null` on the pages' own form posts.
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
})

/** A whole HTML page: the title (escaped), its content, the layout and the security headers. */
export const pageResponse = (title: string, content: Html, options: PageOptions = {}): Response => {
  const nonce = randomToken()
  const body = h`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Bridge sandbox</title><style nonce="${nonce}">${{ html: STYLE }}</style></head>
<body><main><header><span class="tag">Bridge sandbox</span></header><h1>${title}</h1>${content}</main></body></html>`
  return new Response(body.html, {
    status: options.status ?? 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      ...pageHeaders(contentSecurityPolicy(nonce, options.formTargets)),
    },
  })
}

/** A 303 to `location` (after a form post: the browser follows it with a GET). */
export const seeOther = (location: string): Response =>
  new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } })

/** A text field with its label (`type` text, password or search). */
export const field = (
  label: string,
  name: string,
  options: { type?: 'text' | 'password' | 'search'; value?: string; autocomplete?: string } = {},
): Html =>
  h`<label for="f-${name}">${label}</label><input id="f-${name}" name="${name}" type="${options.type ?? 'text'}" value="${options.value ?? ''}" autocomplete="${options.autocomplete ?? 'off'}" required>`

/**
 * A form posting `action` (with the flow's nonce) to the page itself, with `content` and a submit
 * button (none when `submit` is omitted: the content has its own buttons).
 */
export const postForm = (nonce: string, action: string, content: Html, submit?: string): Html =>
  h`<form method="post"><input type="hidden" name="nonce" value="${nonce}"><input type="hidden" name="action" value="${action}">${content}${submit !== undefined && h`<button type="submit">${submit}</button>`}</form>`

/** The quit button (Connect's and the payment page's exit cross). */
export const quitForm = (nonce: string, label = 'Quit'): Html =>
  h`<form method="post" class="inline"><input type="hidden" name="nonce" value="${nonce}"><input type="hidden" name="action" value="quit"><button type="submit" class="secondary">${label}</button></form>`

/** An error message box, or nothing. */
export const errorBox = (message: string | undefined): Html | false =>
  message !== undefined && h`<p class="error" role="alert">${message}</p>`
