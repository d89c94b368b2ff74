/**
 * Deno: prints a user's accounts with their balance and number of transactions.
 *
 *   BRIDGE_CLIENT_ID=… BRIDGE_CLIENT_SECRET=… deno run --allow-net=api.bridgeapi.io \
 *     --allow-env=BRIDGE_CLIENT_ID,BRIDGE_CLIENT_SECRET,BRIDGE_BASE_URL main.ts customer-42
 */
import { createContext, formatError, listAccounts, listTransactions } from 'bridgeapi'

const baseUrl = Deno.env.get('BRIDGE_BASE_URL')
const ctx = createContext({
  clientId: Deno.env.get('BRIDGE_CLIENT_ID') ?? '',
  clientSecret: Deno.env.get('BRIDGE_CLIENT_SECRET') ?? '',
  user: { externalUserId: Deno.args[0] ?? 'customer-42' },
  ...(baseUrl ? { baseUrl } : {}),
})

function fail(message: string): never {
  console.error(message)
  Deno.exit(1)
}

for await (const account of listAccounts(ctx)) {
  if (account._tag === 'Left') fail(formatError(account.left))
  const { id, name, balance, currency_code } = account.right
  let transactions = 0
  for await (const tx of listTransactions(ctx, { accountId: id, limit: 500 })) {
    if (tx._tag === 'Left') fail(formatError(tx.left))
    transactions += 1
  }
  console.log(`${name}: ${balance} ${currency_code}, ${transactions} transactions`)
}
