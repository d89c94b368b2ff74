// startSandbox: serves a sandbox on a node:http port.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { ConnectionReset } from './faults.js'
import { DEFAULT_MAX_BODY_BYTES } from './input.js'
import { createSandbox } from './sandbox.js'
import type { Sandbox, SandboxOptions } from './types.js'

/** Options of {@link startSandbox}: where to listen, plus those of `createSandbox`. */
export interface StartSandboxOptions extends SandboxOptions {
  /** Port; `0` (default) picks a free one. */
  readonly port?: number
  /** Interface; default `127.0.0.1` (loopback only). */
  readonly host?: string
}

/** A sandbox listening on a port. */
export interface RunningSandbox {
  /** Base URL to give the SDK, e.g. `http://127.0.0.1:53211`. */
  readonly url: string
  readonly port: number
  readonly sandbox: Sandbox
  /** Stops listening, closes open connections and cancels waiting webhook retries. */
  close(): Promise<void>
}

/**
 * The request target as a path on this sandbox. An absolute-form target
 * (`GET http://evil.example/v3/...`) keeps only its path and query: the sandbox's URLs come from
 * its own origin, never from what a client claims.
 */
const targetPath = (target: string | undefined): string => {
  if (!target?.startsWith('/')) {
    try {
      const url = new URL(target ?? '/')
      return `${url.pathname}${url.search}`
    } catch {
      return '/'
    }
  }
  // `//host/path` would parse as a network-path reference: keep it a path.
  return target.startsWith('//') ? `/${target.replace(/^\/+/, '')}` : target
}

/**
 * Reads the body up to `maxBytes`. Over the cap it stops reading and returns `undefined`; the
 * sandbox then answers 413 (it sees the declared size) and the connection is closed.
 */
const readBody = (req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> => {
  if (Number(req.headers['content-length']) > maxBytes) return Promise.resolve(undefined)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBytes) return void chunks.push(chunk)
      req.pause()
      req.removeAllListeners('data')
      resolve(undefined)
    })
    req.once('end', () => resolve(Buffer.concat(chunks)))
    req.once('error', reject)
  })
}

const toRequest = async (req: IncomingMessage, origin: string, maxBytes: number) => {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  const method = req.method ?? 'GET'
  const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req, maxBytes)
  // Over the cap: no body, and a declared size the sandbox refuses.
  if (body === undefined) headers.set('content-length', String(maxBytes + 1))
  const request = new Request(new URL(targetPath(req.url), origin), {
    method,
    headers,
    ...(body && body.length > 0 ? { body: new Uint8Array(body) } : {}),
  })
  return { request, overCap: body === undefined }
}

const send = async (response: Response, res: ServerResponse, close: boolean): Promise<void> => {
  const body = Buffer.from(await response.arrayBuffer())
  res.writeHead(response.status, {
    ...Object.fromEntries(response.headers),
    'content-length': String(body.length),
    // The rest of an oversized body was never read: the connection cannot carry another request.
    ...(close ? { connection: 'close' } : {}),
  })
  res.end(body)
}

/**
 * Starts a sandbox on a port with `node:http` (Node, and Bun/Deno through their Node
 * compatibility). A `reset` fault destroys the socket without an answer, as a dropped connection
 * does. `node:http` is loaded only when this is called, so `bridgeapi/sandbox` stays importable
 * on runtimes without it.
 *
 * @param options - `port` (default 0: any free port), `host` (default `127.0.0.1`), sandbox options.
 * @returns the URL, the sandbox and `close()`.
 * @example
 * ```ts
 * import { startSandbox, sandboxContext } from 'bridgeapi/sandbox'
 * import { createContext } from 'bridgeapi'
 * const server = await startSandbox({ seed: 42 })
 * const ctx = createContext(sandboxContext(server, { user: { externalUserId: 'demo' } }))
 * await server.close()
 * ```
 */
export const startSandbox = async (options: StartSandboxOptions = {}): Promise<RunningSandbox> => {
  const { port = 0, host = '127.0.0.1', baseUrl, ...sandboxOptions } = options
  const maxBodyBytes = sandboxOptions.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const { createServer } = await import('node:http')
  // Created once listening, when its origin is known; no request arrives before.
  let sandbox: Sandbox | undefined
  let origin = ''
  const server = createServer((req, res) => {
    toRequest(req, origin, maxBodyBytes)
      .then(async ({ request, overCap }) => send(await (sandbox as Sandbox).fetch(request), res, overCap))
      .catch((error: unknown) => {
        if (error instanceof ConnectionReset) {
          req.socket.destroy()
          return
        }
        res.writeHead(500, { 'content-type': 'text/plain' })
        res.end(`bridgeapi sandbox: ${error instanceof Error ? error.message : String(error)}`)
      })
  })
  // Long enough for clients to reuse connections (Node's fetch only reuses a socket when the server's
  // keep-alive hint is over 2 s); close() ends idle sockets itself, so this does not delay shutdown.
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const address = server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  const hostForUrl = host.includes(':') ? `[${host}]` : host
  const url = `http://${hostForUrl}:${actualPort}`
  origin = baseUrl === undefined ? url : new URL(baseUrl).origin
  try {
    sandbox = createSandbox({ ...sandboxOptions, baseUrl: origin })
  } catch (error) {
    server.close()
    throw error
  }
  return {
    url,
    port: actualPort,
    sandbox,
    close: () =>
      new Promise<void>((resolve, reject) => {
        sandbox.close()
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
