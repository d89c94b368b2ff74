/** The `sendTransfer` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { AmountParam } from '../../common/params.js'
import { defineOperation } from '../../core/define/operation.js'
import { IdParam, TextParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { BeneficiaryParam } from '../payment-requests/models.js'
import { TransferUrl } from './models.js'

/** Parameters of {@link sendTransfer}. */
export const SendTransferParams = v.object({
  beneficiary: BeneficiaryParam,
  amount: AmountParam,
  label: v.optional(TextParam(140)),
  /** From {@link listSenderAccounts}. */
  senderAccountId: v.optional(IdParam),
  /** Let the user change the amount. */
  editableAmount: v.optional(v.boolean('must be a boolean')),
  /** Let the user pick another sender account. */
  senderAccountEditable: v.optional(v.boolean('must be a boolean')),
  clientReference: v.optional(TextParam(100)),
})
/** Parameters of {@link sendTransfer}. */
export type SendTransferParams = v.InferInput<typeof SendTransferParams>

/**
 * Starts a transfer from the user's account (`POST /v2/pay/transfer`, user token; eligible partners):
 * the user confirms it at the returned URL. Refresh and list sender accounts first
 * ({@link refreshSenderAccounts}, {@link listSenderAccounts}).
 *
 * @param ctx - a context with a `user`.
 * @param params - `beneficiary`, `amount`, `label`, `senderAccountId`, `editableAmount`,
 * `senderAccountEditable`, `clientReference`.
 * @returns a task of the {@link TransferUrl}.
 * @example
 * ```ts
 * import { createContext, sendTransfer } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const url = await sendTransfer(ctx, {
 *   beneficiary: { name: 'Test Name', iban: 'FR3130003000709222579823U36' },
 *   amount: 1500.59,
 *   label: 'Label example',
 *   senderAccountId: 123456789,
 * })()
 * ```
 */
export const sendTransfer = defineOperation({
  name: 'sendTransfer',
  api: v2,
  method: 'POST',
  auth: 'user',
  params: SendTransferParams,
  path: () => '/v2/pay/transfer',
  body: (p) => ({
    beneficiary: p.beneficiary,
    amount: p.amount,
    editable_amount: p.editableAmount,
    label: p.label,
    sender_account_id: p.senderAccountId,
    sender_account_editable: p.senderAccountEditable,
    client_reference: p.clientReference,
  }),
  response: TransferUrl,
})
