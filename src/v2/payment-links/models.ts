/** The 2021-06-01 payment links models, as valibot schemas and their types. */
import * as v from 'valibot'
import { AmountParam, CurrencyParam, IbanParam } from '../../common/params.js'
import { openEnum, TextParam, Timestamp } from '../../core/schema.js'

/** Payment link statuses as the 2021-06-01 docs print them (upper case; open, so `valid` etc. pass too). */
export const PaymentLinkStatus = openEnum(['VALID', 'EXPIRED', 'REVOKED', 'COMPLETED'] as const)
/** A payment link status. */
export type PaymentLinkStatus = v.InferOutput<typeof PaymentLinkStatus>

/** A person or company in a payment link (payer or beneficiary). */
export const PaymentLinkParty = v.object({
  first_name: v.nullish(v.string()),
  last_name: v.nullish(v.string()),
  company_name: v.nullish(v.string()),
  name: v.nullish(v.string()),
  email: v.nullish(v.string()),
  external_reference: v.nullish(v.string()),
  iban: v.nullish(v.string()),
})
/** A person or company in a payment link. */
export type PaymentLinkParty = v.InferOutput<typeof PaymentLinkParty>

/**
 * A payment link. Uncertain: the 2021-06-01 schema was not captured; this is the 2025-01-15 shape
 * with every field but `id` optional and `url`/`link` both accepted.
 */
export const PaymentLink = v.object({
  id: v.string(),
  status: v.nullish(PaymentLinkStatus),
  url: v.nullish(v.string()),
  link: v.nullish(v.string()),
  client_reference: v.nullish(v.string()),
  user: v.nullish(PaymentLinkParty),
  transactions: v.nullish(
    v.array(
      v.object({
        amount: v.number(),
        currency: v.nullish(v.string()),
        label: v.nullish(v.string()),
        end_to_end_id: v.nullish(v.string()),
        beneficiary: v.nullish(PaymentLinkParty),
      }),
    ),
  ),
  expired_date: v.nullish(Timestamp),
  expired_at: v.nullish(Timestamp),
  created_at: v.nullish(Timestamp),
  updated_at: v.nullish(Timestamp),
})
/** A payment link. */
export type PaymentLink = v.InferOutput<typeof PaymentLink>

/** The answer to a payment link creation: its id and the URL to share with the payer. */
export const CreatedPaymentLink = v.object({
  id: v.string(),
  url: v.nullish(v.string()),
})
/** A created payment link. */
export type CreatedPaymentLink = v.InferOutput<typeof CreatedPaymentLink>

/** A payer or beneficiary: first and last name, or a company name. */
const PartyParams = v.union(
  [v.object({ firstName: TextParam(35), lastName: TextParam(35) }), v.object({ companyName: TextParam(35) })],
  'give firstName and lastName, or companyName',
)

/**
 * The payer of {@link createPaymentLink}: names or company name, optional e-mail and external reference.
 */
export const PaymentLinkUserParam = v.intersect([
  PartyParams,
  v.object({ email: v.optional(TextParam(320)), externalReference: v.optional(TextParam(35)) }),
])

/** One transfer of {@link createPaymentLink}. */
export const PaymentLinkTransactionParam = v.object({
  amount: AmountParam,
  currency: CurrencyParam,
  /** Shown on the payer's bank interface. */
  label: TextParam(140),
  /** Sent to the bank. */
  endToEndId: v.optional(TextParam(35)),
  /** The beneficiary, when it is not the default one of your dashboard (needs activation). */
  beneficiary: v.optional(v.intersect([PartyParams, v.object({ iban: IbanParam })])),
})

type Party = { firstName?: string; lastName?: string; companyName?: string }

/** @returns the Bridge (snake case) form of a payer or beneficiary. */
export const partyBody = (party: Party & Record<string, unknown>) =>
  'companyName' in party && party.companyName !== undefined
    ? { company_name: party.companyName }
    : { first_name: party.firstName, last_name: party.lastName }
