import { createServer, type Server } from 'node:http'
import { type WebhookEvent, webhookHandler } from '../../src/webhooks/index.js'

/** What the receiver saw of one POST. */
export interface Received {
  readonly path: string
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
  /** The handler's status (401 for a bad signature, 200 for a verified event). */
  readonly status: number
}

/**
 * A webhook receiver on 127.0.0.1 that verifies every POST with the SDK's `webhookHandler`. `answer`
 * can replace the handler's response (a 500, a redirect) per request; verified events are kept in order.
 */
export const startReceiver = async (
  secret: string,
  answer?: (
    received: Received,
    index: number,
  ) => { status: number; headers?: Record<string, string> } | undefined,
) => {
  const events: WebhookEvent[] = []
  const requests: Received[] = []
  const handler = webhookHandler({ secrets: secret, onEvent: (event) => void events.push(event) })
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string') headers.set(name, value)
      const verdict = await handler(
        new Request(`http://127.0.0.1${req.url}`, { method: 'POST', headers, body }),
      )
      const received = { path: req.url ?? '/', headers: req.headers, body, status: verdict.status }
      requests.push(received)
      const override = answer?.(received, requests.length - 1)
      res.writeHead(override?.status ?? verdict.status, override?.headers ?? {})
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    origin: `http://127.0.0.1:${port}`,
    events,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
