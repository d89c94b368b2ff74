// The whole journey of an app using bridgeapi, against the bundled sandbox: no Bridge account, no
// network. Run it with `npm run demo` (it builds dist/ when stale, so the package imports resolve to it).
import {
  collect,
  createConnectSession,
  createContext,
  createUser,
  formatError,
  listAccounts,
  listCategories,
  listTransactions,
  renewAuth,
} from 'bridgeapi'
import { sandboxContext, startSandbox } from 'bridgeapi/sandbox'

const server = await startSandbox({ seed: 42 })
const calls = new Map()
const hooks = {
  onRequest: ({ method, url }) => {
    const { origin, pathname } = new URL(url)
    const key = `${method} ${origin}${pathname}`
    calls.set(key, (calls.get(key) ?? 0) + 1)
  },
}

/** Runs a task and returns its value, or stops the demo with the error. */
const run = async (step, task) => {
  const result = await task()
  if (result._tag === 'Left') {
    console.error(`✗ ${step}: ${formatError(result.left)}`)
    await server.close()
    process.exit(1)
  }
  return result.right
}

const money = (amount, currency = 'EUR') =>
  `${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`

console.log(`Bridge sandbox listening on ${server.url} (seed 42)\n`)

// 1. Your backend, with your application's credentials, creates a Bridge user for a customer.
const app = createContext(sandboxContext(server, { hooks }))
const user = await run('create user', createUser(app, { externalUserId: 'customer-42' }))
console.log(`1. user created         ${user.uuid} (external id ${user.external_user_id})`)

// 2. A context acting for that user: the SDK gets and renews the user's token by itself.
const ctx = createContext(sandboxContext(server, { hooks, user: { uuid: user.uuid } }))
const token = await run('get token', renewAuth(ctx))
console.log(`2. token obtained       expires ${token.expiresAt}`)

// 3. A Connect session: in production you send the customer's browser to session.url.
const session = await run(
  'connect session',
  createConnectSession(ctx, { userEmail: 'customer-42@example.com' }),
)
console.log(`3. connect session      ${session.url}`)

// 4. The customer connects their bank. In a browser, the sandbox's Connect page asks for a bank and a
// login; a script adds `?scenario=success` to complete it at once.
const visit = await fetch(`${session.url}?scenario=success`)
console.log(`4. connection completed HTTP ${visit.status} (Demo Bank)\n`)

// 5. Accounts, and the category names to label transactions with.
const accounts = await run('list accounts', collect(listAccounts(ctx)))
const categories = await run('list categories', collect(listCategories(app)))
const parentOf = new Map(
  categories.flatMap((parent) => parent.categories.map((child) => [child.id, parent.name])),
)
console.log(`Accounts (${accounts.length})`)
for (const account of accounts) {
  console.log(
    `  ${account.name.padEnd(36)} ${account.type.padEnd(10)} ${money(account.balance, account.currency_code).padStart(16)}`,
  )
}

// 6. Every transaction, streamed page by page (500 per page) through the async iterator.
let count = 0
let first
let last
const totals = new Map()
for await (const tx of listTransactions(ctx, { limit: 500 })) {
  if (tx._tag === 'Left') {
    console.error(`✗ list transactions: ${formatError(tx.left)}`)
    await server.close()
    process.exit(1)
  }
  const t = tx.right
  if (t.deleted || t.future) continue
  count += 1
  if (!first || t.date < first) first = t.date
  if (!last || t.date > last) last = t.date
  const category = parentOf.get(t.category_id) ?? 'Uncategorized'
  totals.set(category, (totals.get(category) ?? 0) + t.amount)
}
console.log(`\nTransactions: ${count} booked, ${first} → ${last}`)
const sorted = [...totals].sort((a, b) => a[1] - b[1])
for (const [category, total] of sorted) console.log(`  ${category.padEnd(36)} ${money(total).padStart(16)}`)

// 7. Where the SDK talked to.
const requests = [...calls.values()].reduce((a, b) => a + b, 0)
const origins = new Set([...calls.keys()].map((key) => new URL(key.split(' ')[1]).origin))
console.log(`\nThe SDK sent ${requests} requests, all to ${[...origins].join(', ')}:`)
for (const [key, n] of calls) console.log(`  ${String(n).padStart(3)} × ${key.replace(server.url, '')}`)

await server.close()
