/** The 2025-01-15 payments models, as valibot schemas and their types. */
import * as v from 'valibot'
import { AmountParam, CurrencyParam, EmailParam, IbanParam } from '../../common/params.js'
import { DateParam, openEnum, TextParam } from '../../core/schema.js'

/*
 * Pieces shared by the payment resources (payment links, payment requests, payment consents):
 * the payer and beneficiary objects Bridge returns, and the validated inputs used to create payments.
 */

/** A payer or beneficiary as Bridge returns it on payments. Every field may be omitted (v3 omits absent data). */
export const PaymentParty = v.object({
  first_name: v.optional(v.string()),
  last_name: v.optional(v.string()),
  /** For companies, instead of first and last names. */
  company_name: v.optional(v.string()),
  /** A single display name (seen on beneficiaries). */
  name: v.optional(v.string()),
  email: v.optional(v.string()),
  /** Your own id for the payer, when you gave one. */
  external_reference: v.optional(v.string()),
  /** Account number (beneficiaries, senders). Masked in Bridge's examples. */
  iban: v.optional(v.string()),
})
/** A payer or beneficiary. */
export type PaymentParty = v.InferOutput<typeof PaymentParty>

/**
 * Status of a payment request or of one of its transactions: simplified ISO 20022 / STET codes, upper case.
 * `CREA` created at Bridge, `ACTC` accepted by the bank, `PDNG` confirmed by the payer and pending execution,
 * `ACSC` executed (final), `RJCT` rejected (final), `PART` some bulk transactions executed (final).
 * `ACCP`, `ACSP`, `CANC` may appear in older data. Open: new codes pass.
 */
export const PaymentStatus = openEnum([
  'CREA',
  'ACTC',
  'PDNG',
  'ACSC',
  'RJCT',
  'PART',
  'ACCP',
  'ACSP',
  'CANC',
] as const)
/** A payment status code. */
export type PaymentStatus = v.InferOutput<typeof PaymentStatus>

/** A payment amount: {@link AmountParam} and at most 35 000, Bridge's limit for one payment transaction. */
export const PaymentAmountParam = v.pipe(AmountParam, v.maxValue(35_000, 'must be ≤ 35000'))

/** A payment label shown to the payer's bank: 1–140 characters (the longest `max_size_label` of any provider; some banks accept less). */
export const PaymentLabelParam = TextParam(140)

/** Your reference for reconciliation: 1–100 characters. */
export const ClientReferenceParam = TextParam(100)

/** SEPA end-to-end id forwarded to the bank: 1–35 characters. */
export const EndToEndIdParam = TextParam(35)

/** A payer or beneficiary name: 1–35 characters. */
const NameParam = TextParam(35)

/** Your unique id for the payer: 1–35 letters, digits, `-` or `_` (Bridge's examples use `REF-1234_AZ`). */
export const ExternalReferenceParam = v.pipe(
  v.string('must be a string'),
  v.regex(/^[A-Za-z0-9_-]{1,35}$/, 'must be 1–35 letters, digits, - or _'),
)

const hasName = (party: {
  readonly firstName?: string | undefined
  readonly lastName?: string | undefined
  readonly companyName?: string | undefined
}): boolean =>
  (party.firstName !== undefined && party.lastName !== undefined) || party.companyName !== undefined

const namesEntries = {
  firstName: v.optional(NameParam),
  lastName: v.optional(NameParam),
  companyName: v.optional(NameParam),
}

/** The payer of a payment: `firstName` and `lastName`, or `companyName` (each ≤ 35 characters). */
export const PaymentUserParam = v.pipe(
  v.object({
    ...namesEntries,
    email: v.optional(EmailParam),
    /** Your unique id for the payer; helps Bridge's fraud detection. */
    externalReference: v.optional(ExternalReferenceParam),
  }),
  v.check((user) => hasName(user), 'needs firstName and lastName, or companyName'),
)
/** The payer of a payment. */
export type PaymentUserParam = v.InferInput<typeof PaymentUserParam>

/**
 * Metadata of a payment request transaction: your own string values, read back in the webhook callback URL as
 * `${metadata.key_name}`. "You can specify up to 5 keys, with key names up to 50 characters long, and values
 * up to 100 characters long" (https://docs.bridgeapi.io/docs/add-metadata-to-your-payments). Keys are sent
 * as given (they are yours, not Bridge's, so they are not converted to snake_case).
 */
export const PaymentMetadataParam = v.pipe(
  v.record(
    v.pipe(
      v.string(),
      v.minLength(1, 'key must not be empty'),
      v.maxLength(50, 'key must be ≤ 50 characters'),
    ),
    v.pipe(v.string('must be a string'), v.maxLength(100, 'must be ≤ 100 characters')),
  ),
  v.check((metadata) => Object.keys(metadata).length <= 5, 'must have at most 5 keys'),
)
/** Metadata of a payment request transaction. */
export type PaymentMetadataParam = v.InferInput<typeof PaymentMetadataParam>

/**
 * The payer of a payment consent: `firstName` and `lastName`, or `companyName`, and a required `email`.
 * No `externalReference`: the consent `user` has only these four fields
 * (mindcloud-inc/universal-api-reference, `apis/b/bridge/native-api/actions/create-payment-consent.md`).
 */
export const PaymentConsentUserParam = v.pipe(
  v.object({ ...namesEntries, email: EmailParam }),
  v.check((user) => hasName(user), 'needs firstName and lastName, or companyName'),
)
/** The payer of a payment consent. */
export type PaymentConsentUserParam = v.InferInput<typeof PaymentConsentUserParam>

/** The beneficiary of a payment transaction, when it is not your default account. */
export const BeneficiaryParam = v.pipe(
  v.object({
    ...namesEntries,
    /** A single display name, instead of the names above. */
    name: v.optional(NameParam),
    email: v.optional(EmailParam),
    iban: IbanParam,
  }),
  v.check((b) => hasName(b) || b.name !== undefined, 'needs firstName and lastName, companyName, or name'),
)
/** The beneficiary of a payment transaction. */
export type BeneficiaryParam = v.InferInput<typeof BeneficiaryParam>

type Names = {
  readonly firstName?: string | undefined
  readonly lastName?: string | undefined
  readonly companyName?: string | undefined
  readonly email?: string | undefined
}

/** Maps a payer to Bridge's `user` object (absent fields are left out when serialised). */
export const toUserBody = (user: Names & { readonly externalReference?: string | undefined }) => ({
  first_name: user.firstName,
  last_name: user.lastName,
  company_name: user.companyName,
  email: user.email,
  external_reference: user.externalReference,
})

/** Maps a beneficiary to Bridge's `beneficiary` object. */
export const toBeneficiaryBody = (
  beneficiary: (Names & { readonly name?: string | undefined; readonly iban: string }) | undefined,
) =>
  beneficiary && {
    first_name: beneficiary.firstName,
    last_name: beneficiary.lastName,
    company_name: beneficiary.companyName,
    name: beneficiary.name,
    email: beneficiary.email,
    iban: beneficiary.iban,
  }

/** Transaction fields common to payment links and payment requests. */
const paymentTransactionEntries = {
  /** Major units, > 0, at most 2 decimals, ≤ 35 000. */
  amount: PaymentAmountParam,
  /** ISO 4217, e.g. `EUR`. */
  currency: CurrencyParam,
  /** SEPA end-to-end id forwarded to the bank. */
  endToEndId: v.optional(EndToEndIdParam),
  /** Your reference for this transaction. */
  clientReference: v.optional(ClientReferenceParam),
  /** Scheduled execution day (needs the provider's `single_payment_scheduled` capability). */
  executionDate: v.optional(DateParam),
  beneficiary: v.optional(BeneficiaryParam),
}

/**
 * The `transactions` of a payment link or request: one transaction, or several for a bulk payment.
 *
 * @param label - the `label` entry, documented where it differs (required by requests, optional for links).
 * @returns the schema of a non-empty list of transactions.
 */
/* @__NO_SIDE_EFFECTS__ */ export const paymentTransactionsParam = <const L extends v.ObjectEntries>(
  label: L,
) =>
  v.pipe(
    v.array(v.object({ ...paymentTransactionEntries, ...label })),
    v.minLength(1, 'must hold at least one transaction'),
  )

/** Maps a payment transaction input to Bridge's snake_case body. */
const toTransactionBody = (t: {
  readonly amount: number
  readonly currency: string
  readonly label?: string | undefined
  readonly endToEndId?: string | undefined
  readonly clientReference?: string | undefined
  readonly executionDate?: string | undefined
  readonly beneficiary?: Parameters<typeof toBeneficiaryBody>[0]
  readonly metadata?: Readonly<Record<string, string>> | undefined
}) => ({
  amount: t.amount,
  currency: t.currency,
  label: t.label,
  end_to_end_id: t.endToEndId,
  client_reference: t.clientReference,
  execution_date: t.executionDate,
  beneficiary: toBeneficiaryBody(t.beneficiary),
  metadata: t.metadata,
})

/**
 * Maps the payer, the transactions and the reference that payment links and requests share to Bridge's body
 * (absent fields are left out when serialised).
 */
export const toPaymentBody = (p: {
  readonly user: Parameters<typeof toUserBody>[0]
  readonly transactions: readonly Parameters<typeof toTransactionBody>[0][]
  readonly clientReference?: string | undefined
}) => ({
  user: toUserBody(p.user),
  transactions: p.transactions.map(toTransactionBody),
  client_reference: p.clientReference,
})
