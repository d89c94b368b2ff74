// 2021-06-01 Bridge Transfer routes: single and bulk transfers and sender accounts.
import * as v from 'valibot'
import { Amount, Iban, newestFirst } from '../common/payments.js'
import { listResponse, Optional, Text, userPost } from '../common/requests.js'
import { defined, empty, iso, json, type Route, type UserRouteContext, userRoute } from '../http.js'
import { byId } from '../pagination.js'
import { type BulkTransferRecord, type TransferRecord, transferStatus } from '../payments.js'
import type { AccountRecord } from '../state.js'

/**
 * Bridge Transfer (2021-06-01, user level): single and bulk transfers, kept per user, and the
 * sender accounts (the user's checking accounts that have an IBAN). A transfer is created when it
 * is sent and its `redirect_url` only confirms it; its status then follows its label like a
 * payment line on Demo Bank (see `transferStatus`).
 */

const Beneficiary = v.object({ name: Text(70), iban: Iban })
const SenderAccountId = Optional(v.pipe(v.number(), v.integer()))

const TransferBody = v.object({
  beneficiary: Beneficiary,
  amount: Amount,
  label: Optional(Text(140)),
  sender_account_id: SenderAccountId,
  editable_amount: Optional(v.boolean()),
  sender_account_editable: Optional(v.boolean()),
  client_reference: Optional(Text(100)),
})

const BulkTransferBody = v.object({
  client_reference: Text(100),
  transfers: v.pipe(
    v.array(
      v.object({
        // The reference caps each line of a bulk transfer at 30 000 €.
        amount: v.pipe(Amount, v.maxValue(30_000)),
        label: Optional(Text(140)),
        beneficiary: Beneficiary,
        client_reference: Optional(Text(100)),
      }),
    ),
    v.minLength(1),
  ),
  sender_account_id: SenderAccountId,
  sender_account_editable: Optional(v.boolean()),
})

/** Accounts that can send a transfer: checking accounts with an IBAN. */
const senderAccounts = (ctx: UserRouteContext): AccountRecord[] =>
  ctx.state.accounts(ctx.user.uuid).filter((a) => a.type === 'checking' && a.iban !== undefined)

/**
 * The sender account: the one asked for, or else the first one (the user would pick it in Bridge's
 * flow). An error response when there is none.
 */
const senderAccount = (ctx: UserRouteContext, id: number | undefined): AccountRecord | Response => {
  const senders = senderAccounts(ctx)
  const account = id === undefined ? senders[0] : senders.find((a) => a.id === id)
  if (account) return account
  return id === undefined
    ? ctx.error(400, 'invalid_request', 'The user has no account that can send a transfer')
    : ctx.error(404, 'not_found', 'No sender account found')
}

/** The user's transfers and bulk transfers. */
const tables = (ctx: UserRouteContext) => ctx.state.transferTables(ctx.user.uuid)

const redirect = (ctx: UserRouteContext, id: string) =>
  json(200, { redirect_url: `${ctx.origin}/_sandbox/pay/transfer/${id}` })

const transferView = (ctx: UserRouteContext, t: TransferRecord) => {
  const status = transferStatus(t.label, t.createdAt, ctx.clock.now())
  return {
    uuid: t.id,
    amount: t.amount,
    label: t.label ?? null,
    bank_reference: status.status === 'executed' ? t.bankReference : null,
    sender_account_id: t.senderAccountId,
    beneficiary: t.beneficiary,
    item_id: t.itemId,
    status: status.status,
    status_reason: status.reason ?? null,
    bulk_transfer_id: t.bulkTransferId ?? null,
    client_reference: t.clientReference ?? null,
    created_at: iso(t.createdAt),
    updated_at: iso(t.createdAt),
  }
}

const bulkView = (ctx: UserRouteContext, bulk: BulkTransferRecord) => {
  const transfers = bulk.transferIds
    .map((id) => tables(ctx).transfers.get(id))
    .filter((t): t is TransferRecord => t !== undefined)
    .map((t) => transferView(ctx, t))
  const statuses = new Set(transfers.map((t) => t.status))
  // Pending while any line is; failed only when every line failed.
  const status = statuses.has('initiated')
    ? 'initiated'
    : statuses.size === 1 && statuses.has('failed')
      ? 'failed'
      : 'executed'
  return {
    id: bulk.id,
    item_id: bulk.itemId,
    sender_account_id: bulk.senderAccountId,
    transfers: transfers.map((t) => ({
      id: t.uuid,
      amount: t.amount,
      label: t.label,
      beneficiary: t.beneficiary,
      status: t.status,
      client_reference: t.client_reference,
      bank_reference: t.bank_reference,
      created_at: t.created_at,
      updated_at: t.updated_at,
    })),
    status,
    status_reason: status === 'failed' ? (transfers[0]?.status_reason ?? null) : null,
    client_reference: bulk.clientReference,
    created_at: iso(bulk.createdAt),
    updated_at: iso(bulk.createdAt),
  }
}

/** A new transfer record from one sender account. */
const newTransfer = (
  ctx: UserRouteContext,
  sender: AccountRecord,
  line: Pick<v.InferOutput<typeof TransferBody>, 'amount' | 'label' | 'beneficiary' | 'client_reference'>,
  bulkTransferId?: string,
): TransferRecord => ({
  id: ctx.rng.uuid(),
  seq: ctx.state.nextId('transfer'),
  amount: line.amount,
  ...(line.label === undefined ? {} : { label: line.label }),
  beneficiary: { name: line.beneficiary.name, iban: line.beneficiary.iban },
  senderAccountId: sender.id,
  itemId: sender.itemId,
  ...defined({ clientReference: line.client_reference, bulkTransferId }),
  bankReference: ctx.rng.hex(12).toUpperCase(),
  createdAt: ctx.clock.now(),
})

const notFound = (ctx: UserRouteContext, resource: string) =>
  ctx.error(404, 'not_found', `No ${resource} found`)

/** The 2021-06-01 Bridge Transfer routes. */
export const transferRoutes: readonly Route[] = [
  userPost('/v2/pay/transfer', TransferBody, (ctx, b) => {
    const sender = senderAccount(ctx, b.sender_account_id)
    if (sender instanceof Response) return sender
    const transfer = newTransfer(ctx, sender, b)
    ctx.state.addTransfers(ctx.user.uuid, [transfer])
    return redirect(ctx, transfer.id)
  }),
  userPost('/v2/pay/bulk-transfers', BulkTransferBody, (ctx, b) => {
    const sender = senderAccount(ctx, b.sender_account_id)
    if (sender instanceof Response) return sender
    const id = ctx.rng.uuid()
    const transfers = b.transfers.map((line) => newTransfer(ctx, sender, line, id))
    const bulk: BulkTransferRecord = {
      id,
      seq: ctx.state.nextId('transfer'),
      senderAccountId: sender.id,
      itemId: sender.itemId,
      clientReference: b.client_reference,
      transferIds: transfers.map((t) => t.id),
      createdAt: ctx.clock.now(),
    }
    ctx.state.addTransfers(ctx.user.uuid, transfers, bulk)
    return redirect(ctx, id)
  }),
  userRoute('GET', '/v2/transfers', (ctx) =>
    listResponse(ctx, tables(ctx).transfers.list(), newestFirst, (t) => transferView(ctx, t)),
  ),
  userRoute('GET', '/v2/transfers/accounts/senders', (ctx) =>
    listResponse(ctx, senderAccounts(ctx), byId, (a) => ({
      id: a.id,
      name: a.name,
      iban: a.iban ?? null,
      item_id: a.itemId,
      bank_id: a.providerId,
      balance: a.balance,
      currency_code: a.currencyCode,
    })),
  ),
  // The sender accounts are read from the user's accounts on every list, so there is nothing to do.
  userRoute('POST', '/v2/transfers/accounts/refresh', () => empty(202)),
  userRoute('GET', '/v2/transfers/:id', (ctx) => {
    const transfer = tables(ctx).transfers.get(ctx.params.id as string)
    return transfer ? json(200, transferView(ctx, transfer)) : notFound(ctx, 'transfer')
  }),
  userRoute('GET', '/v2/bulk-transfers', (ctx) =>
    listResponse(ctx, tables(ctx).bulkTransfers.list(), newestFirst, (b) => bulkView(ctx, b)),
  ),
  userRoute('GET', '/v2/bulk-transfers/:id', (ctx) => {
    const bulk = tables(ctx).bulkTransfers.get(ctx.params.id as string)
    return bulk ? json(200, bulkView(ctx, bulk)) : notFound(ctx, 'bulk transfer')
  }),
]
