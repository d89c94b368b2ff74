/**
 * The 2021-06-01 flow for a legacy e-mail/password user (applications created before 23/10/2023),
 * with `bridgeapi/v2`: create the user, get a Connect URL, wait for the bank connection, read the
 * accounts and their transactions, log out.
 *
 *   BRIDGE_CLIENT_ID=… BRIDGE_CLIENT_SECRET=… npx tsx flow.ts john@doe.com 'a password'
 *
 * `BRIDGE_BASE_URL` points it elsewhere (the local sandbox: `npm run sandbox`). The 2021-06-01 API
 * lives until 2027-12-31; new integrations use `bridgeapi` (2025-01-15) with external user ids.
 */
import {
  type Account,
  collect,
  connectItem,
  createContext,
  createUser,
  formatError,
  listAccounts,
  listAccountTransactions,
  listItems,
  logoutUser,
} from 'bridgeapi/v2'

const [email, password] = process.argv.slice(2)
if (!email || !password) {
  console.error('usage: flow.ts <email> <password>')
  process.exit(2)
}
const pollMs = Number(process.env.POLL_INTERVAL_MS ?? 3_000)
const app = {
  clientId: process.env.BRIDGE_CLIENT_ID ?? '',
  clientSecret: process.env.BRIDGE_CLIENT_SECRET ?? '',
  ...(process.env.BRIDGE_BASE_URL ? { baseUrl: process.env.BRIDGE_BASE_URL } : {}),
}

/** Stops with a readable line (never a secret: SDK errors carry none). */
const fail = (step: string, error: Parameters<typeof formatError>[0]): never => {
  console.error(`${step} failed: ${formatError(error)}`)
  process.exit(1)
}

// 1. With the application's credentials: create the user. 409 means it exists already.
const created = await createUser(createContext(app), { email, password })()
if (created._tag === 'Left' && !(created.left._tag === 'ApiError' && created.left.status === 409)) {
  fail('create user', created.left)
}
console.log(`user ${email} ${created._tag === 'Right' ? 'created' : 'exists already'}`)

// 2. A context acting for the user: the SDK authenticates with the e-mail and password
//    (POST /v2/authenticate), keeps the token and renews it before it expires.
const ctx = createContext({ ...app, user: { email, password } })

// 3. The user connects a bank in Bridge Connect: send their browser to this URL.
const connect = await connectItem(ctx, { prefillEmail: email, country: 'fr' })()
if (connect._tag === 'Left') fail('connect URL', connect.left)
else console.log(`open ${connect.right.redirect_url}`)

// 4. Wait for the item (a webhook `item.created` tells a server the same without polling).
let items = await collect(listItems(ctx))()
while (items._tag === 'Right' && items.right.length === 0) {
  await new Promise((resolve) => setTimeout(resolve, pollMs))
  items = await collect(listItems(ctx))()
}
if (items._tag === 'Left') fail('list items', items.left)
else for (const item of items.right) console.log(`item ${item.id} connected (status ${item.status})`)

// 5. Accounts, and each account's transactions (streamed page by page).
const accounts = await collect(listAccounts(ctx))()
if (accounts._tag === 'Left') fail('list accounts', accounts.left)
for (const account of accounts._tag === 'Right' ? accounts.right : ([] as Account[])) {
  let count = 0
  for await (const tx of listAccountTransactions(ctx, { accountId: account.id })) {
    if (tx._tag === 'Left') fail('list transactions', tx.left)
    count += 1
  }
  console.log(`account ${account.name}: ${account.balance} ${account.currency_code}, ${count} transactions`)
}

// 6. Revoke the token.
const out = await logoutUser(ctx)()
if (out._tag === 'Left') fail('logout', out.left)
console.log('logged out')
