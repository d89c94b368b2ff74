import type { IncomingMessage, ServerResponse } from 'node:http'
import { ConnectionReset } from './faults.js'
import { createSandbox, type Sandbox, type SandboxOptions } from './sandbox.js'

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
  /** Stops listening and closes open connections. */
  close(): Promise<void>
}

const toRequest = async (req: IncomingMessage, origin: string): Promise<Request> => {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  const method = req.method ?? 'GET'
  const chunks: Buffer[] = []
  if (method !== 'GET' && method !== 'HEAD') for await (const chunk of req) chunks.push(chunk as Buffer)
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
  })
}

const send = async (response: Response, res: ServerResponse): Promise<void> => {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  const body = Buffer.from(await response.arrayBuffer())
  res.writeHead(response.status, { ...headers, 'content-length': String(body.length) })
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
  const { port = 0, host = '127.0.0.1', ...sandboxOptions } = options
  const { createServer } = await import('node:http')
  const sandbox = createSandbox(sandboxOptions)
  let origin = ''
  const server = createServer((req, res) => {
    toRequest(req, origin)
      .then((request) => sandbox.fetch(request))
      .then((response) => send(response, res))
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
  origin = `http://${hostForUrl}:${actualPort}`
  return {
    url: origin,
    port: actualPort,
    sandbox,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
