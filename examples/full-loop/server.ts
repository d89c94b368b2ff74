/**
 * Runs examples/full-loop on Node (`@hono/node-server`).
 *
 *   npm run sandbox -- --port 3000 --webhook-url http://127.0.0.1:8080/webhooks --webhook-secret loop-secret
 *   BRIDGE_CLIENT_ID=sandbox-client-id BRIDGE_CLIENT_SECRET=sandbox-client-secret \
 *   BRIDGE_BASE_URL=http://127.0.0.1:3000 BRIDGE_WEBHOOK_SECRET=loop-secret npx tsx examples/full-loop/server.ts
 *
 * then open http://127.0.0.1:8080 and click "Connect your bank". (The type declarations of sql.js
 * are in examples/node-sqlite/sql.js.d.ts.)
 */
import { serve } from '@hono/node-server'
import { createLoopApp } from './app.js'

const port = Number(process.env.PORT ?? 8080)
const { routes } = await createLoopApp({
  clientId: process.env.BRIDGE_CLIENT_ID ?? '',
  clientSecret: process.env.BRIDGE_CLIENT_SECRET ?? '',
  ...(process.env.BRIDGE_BASE_URL ? { bridgeUrl: process.env.BRIDGE_BASE_URL } : {}),
  webhookSecret: process.env.BRIDGE_WEBHOOK_SECRET ?? '',
  appUrl: process.env.APP_URL ?? `http://127.0.0.1:${port}`,
  customerId: process.env.CUSTOMER_ID ?? 'customer-42',
})
serve({ fetch: routes.fetch, port, hostname: '127.0.0.1' }, (info) =>
  console.log(`full-loop app on http://127.0.0.1:${info.port}`),
)
