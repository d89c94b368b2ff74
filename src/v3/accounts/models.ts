/** The 2025-01-15 accounts models, as valibot schemas and their types. */
import * as v from 'valibot'
import { KNOWN_ACCOUNT_TYPES } from '../../common/account-types.js'
import { DateString, openEnum, Timestamp } from '../../core/schema.js'

/** Account types: the ten values client libraries agree on (open: new ones pass). */
export const AccountType = openEnum(KNOWN_ACCOUNT_TYPES)
/** An account type. */
export type AccountType = v.InferOutput<typeof AccountType>

/** Details of a loan account. Amounts in the account's currency, major units. */
export const LoanDetails = v.object({
  next_payment_date: v.optional(DateString),
  next_payment_amount: v.optional(v.number()),
  maturity_date: v.optional(DateString),
  opening_date: v.optional(DateString),
  /** Percent, e.g. 2.42. */
  interest_rate: v.optional(v.number()),
  /** Seen: `mortgage`. */
  type: v.optional(v.string()),
  borrowed_capital: v.optional(v.number()),
  repaid_capital: v.optional(v.number()),
  remaining_capital: v.optional(v.number()),
  total_estimated_interests: v.optional(v.number()),
})
/** Details of a loan account. */
export type LoanDetails = v.InferOutput<typeof LoanDetails>

/** A bank account of an item (2025-01-15). Amounts are JSON numbers in major units (euros, not cents). */
export const Account = v.object({
  id: v.number(),
  name: v.string(),
  /** `accounting_balance` when the bank gives it, else `instant_balance`. */
  balance: v.number(),
  /** Ledger balance: booked operations only. */
  accounting_balance: v.optional(v.number()),
  /** Expected balance, including pending and future operations. */
  instant_balance: v.optional(v.number()),
  updated_at: Timestamp,
  /** Seen: `successful`, `failed`. */
  last_refresh_status: v.optional(openEnum(['successful', 'failed'] as const)),
  type: AccountType,
  /** ISO 4217, upper case. */
  currency_code: v.string(),
  item_id: v.number(),
  provider_id: v.number(),
  /** Whether the user shares this account: `enabled`, `disabled`. */
  data_access: v.optional(openEnum(['enabled', 'disabled'] as const)),
  /** A professional account. */
  pro: v.optional(v.boolean()),
  iban: v.optional(v.string()),
  loan_details: v.optional(LoanDetails),
})
/** A bank account. */
export type Account = v.InferOutput<typeof Account>

/** An account as the account check shows it: identity of the account, no balance. */
export const AccountIdentity = v.object({
  id: v.number(),
  name: v.string(),
  type: AccountType,
  /** ISO 4217. */
  currency_code: v.string(),
  provider_id: v.number(),
  /** Absent for accounts without one (cards). */
  iban: v.optional(v.string()),
})
/** An account in an account check. */
export type AccountIdentity = v.InferOutput<typeof AccountIdentity>

/** The account check of one item: the holder's identity and the item's accounts with their IBANs. */
export const AccountsInformation = v.object({
  item_id: v.number(),
  /** Holder's first name, as the bank gives it (often upper case). */
  first_name: v.optional(v.string()),
  last_name: v.optional(v.string()),
  accounts: v.array(AccountIdentity),
})
/** The account check of one item. */
export type AccountsInformation = v.InferOutput<typeof AccountsInformation>
