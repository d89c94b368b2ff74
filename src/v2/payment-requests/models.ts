/** The 2021-06-01 payment requests models, as valibot schemas and their types. */
import * as v from 'valibot'
import { AmountParam, CurrencyParam, IbanParam } from '../../common/params.js'
import { DateString, openEnum, TextParam, Timestamp } from '../../core/schema.js'

/**
 * Payment statuses (ISO 20022 / STET), the same on a request and its transactions: `CREA`, `ACTC`,
 * `PDNG` (temporary), `ACSC` (executed), `PART` (bulk: some executed), `RJCT` (rejected); before
 * March 2022 also `ACCP`, `ACSP`, `CANC`. Open: other values pass.
 */
export const PaymentStatus = openEnum([
  'CREA',
  'ACTC',
  'PDNG',
  'ACSC',
  'PART',
  'RJCT',
  'ACCP',
  'ACSP',
  'CANC',
] as const)
/** A payment status. */
export type PaymentStatus = v.InferOutput<typeof PaymentStatus>

/** A beneficiary as payment requests show it. */
export const PaymentBeneficiary = v.object({
  iban: v.nullish(v.string()),
  name: v.nullish(v.string()),
  company_name: v.nullish(v.string()),
})
/** A payment beneficiary. */
export type PaymentBeneficiary = v.InferOutput<typeof PaymentBeneficiary>

/** One transfer of a payment request. */
export const PaymentRequestTransaction = v.object({
  id: v.string(),
  status: v.nullish(PaymentStatus),
  /** ISO 20022 reason, e.g. `CUST`, `NOAS`. */
  status_reason: v.nullish(v.string()),
  beneficiary: v.nullish(PaymentBeneficiary),
  amount: v.number(),
  currency: v.nullish(v.string()),
  label: v.nullish(v.string()),
  client_reference: v.nullish(v.string()),
  execution_date: v.nullish(DateString),
  end_to_end_id: v.nullish(v.string()),
  /** With a payment account: `{ id }`, the id refunds take. */
  payment_account_transaction: v.nullish(v.object({ id: v.nullish(v.string()) })),
})
/** One transfer of a payment request. */
export type PaymentRequestTransaction = v.InferOutput<typeof PaymentRequestTransaction>

/** A payment request (32 hex-digit id), as recorded in 2022 by Bridge's official SDK tests. */
export const PaymentRequest = v.object({
  id: v.string(),
  status: PaymentStatus,
  status_reason: v.nullish(v.string()),
  /** `{ first_name, last_name }` or `{ name }`, with `external_reference`, `ip_address`. */
  user: v.nullish(
    v.object({
      first_name: v.nullish(v.string()),
      last_name: v.nullish(v.string()),
      name: v.nullish(v.string()),
      external_reference: v.nullish(v.string()),
      ip_address: v.nullish(v.string()),
    }),
  ),
  sender: v.nullish(v.object({})),
  transactions: v.array(PaymentRequestTransaction),
  created_at: v.nullish(Timestamp),
  updated_at: v.nullish(Timestamp),
  bank_id: v.nullish(v.number()),
})
/** A payment request. */
export type PaymentRequest = v.InferOutput<typeof PaymentRequest>

/** The answer to a payment request creation: send the payer to `consent_url`. */
export const CreatedPaymentRequest = v.object({
  id: v.string(),
  consent_url: v.string(),
})
/** A created payment request. */
export type CreatedPaymentRequest = v.InferOutput<typeof CreatedPaymentRequest>

/** A beneficiary parameter: a name and an IBAN. */
export const BeneficiaryParam = v.object({ name: TextParam(70), iban: IbanParam })

/** One transfer of {@link createPaymentRequest}. */
export const PaymentRequestTransactionParam = v.object({
  amount: AmountParam,
  currency: CurrencyParam,
  /** Shown to the beneficiary: use it for reconciliation (not every bank shows `endToEndId`). */
  label: TextParam(140),
  endToEndId: v.optional(TextParam(35)),
  clientReference: v.optional(TextParam(100)),
  beneficiary: v.optional(BeneficiaryParam),
})
