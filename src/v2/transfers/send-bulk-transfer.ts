/** The `sendBulkTransfer` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { AmountParam } from '../../common/params.js'
import { defineOperation } from '../../core/define/operation.js'
import { IdParam, TextParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { BeneficiaryParam } from '../payment-requests/models.js'
import { TransferUrl } from './models.js'

/** Parameters of {@link sendBulkTransfer}. */
export const SendBulkTransferParams = v.object({
  clientReference: TextParam(100),
  transfers: v.pipe(
    v.array(
      v.object({
        /** At most 30 000 € per transfer. */
        amount: v.pipe(AmountParam, v.maxValue(30_000, 'must be at most 30000')),
        label: v.optional(TextParam(140)),
        beneficiary: BeneficiaryParam,
        clientReference: v.optional(TextParam(100)),
      }),
    ),
    v.minLength(1, 'must not be empty'),
  ),
  senderAccountId: v.optional(IdParam),
  senderAccountEditable: v.optional(v.boolean('must be a boolean')),
})
/** Parameters of {@link sendBulkTransfer}. */
export type SendBulkTransferParams = v.InferInput<typeof SendBulkTransferParams>

/**
 * Starts several transfers from one of the user's accounts (`POST /v2/pay/bulk-transfers`, user
 * token; eligible partners). Uncertain: the response is not documented; a confirmation URL like
 * {@link sendTransfer}'s is assumed.
 *
 * @param ctx - a context with a `user`.
 * @param params - `clientReference`, `transfers`, `senderAccountId`, `senderAccountEditable`.
 * @returns a task of the {@link TransferUrl}.
 * @example
 * ```ts
 * import { createContext, sendBulkTransfer } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const url = await sendBulkTransfer(ctx, {
 *   clientReference: 'payroll-2026-01',
 *   transfers: [{ amount: 1200, label: 'Salary', beneficiary: { name: 'Jane Doe', iban: 'FR3130003000709222579823U36' } }],
 * })()
 * ```
 */
export const sendBulkTransfer = defineOperation({
  name: 'sendBulkTransfer',
  api: v2,
  method: 'POST',
  auth: 'user',
  params: SendBulkTransferParams,
  path: () => '/v2/pay/bulk-transfers',
  body: (p) => ({
    client_reference: p.clientReference,
    transfers: p.transfers.map((t) => ({
      amount: t.amount,
      label: t.label,
      beneficiary: t.beneficiary,
      client_reference: t.clientReference,
    })),
    sender_account_id: p.senderAccountId,
    sender_account_editable: p.senderAccountEditable,
  }),
  response: TransferUrl,
})
