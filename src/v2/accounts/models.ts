/** The 2021-06-01 accounts models, as valibot schemas and their types. */
import * as v from 'valibot'
import { KNOWN_ACCOUNT_TYPES } from '../../common/account-types.js'
import { DateString, openEnum, Timestamp } from '../../core/schema.js'
import { ItemStatusCode } from '../items/models.js'

/** Account types: the ten values three client libraries agree on (open: new ones pass). */
export const AccountType = openEnum(KNOWN_ACCOUNT_TYPES)
/** An account type. */
export type AccountType = v.InferOutput<typeof AccountType>

/** Details of a loan account (fields from a client model; any may be `null`). Amounts in major units. */
export const LoanDetails = v.object({
  next_payment_date: v.nullish(DateString),
  next_payment_amount: v.nullish(v.number()),
  maturity_date: v.nullish(DateString),
  opening_date: v.nullish(DateString),
  /** Percent, e.g. 2.42. */
  interest_rate: v.nullish(v.number()),
  type: v.nullish(v.string()),
  borrowed_capital: v.nullish(v.number()),
  repaid_capital: v.nullish(v.number()),
  remaining_capital: v.nullish(v.number()),
})
/** Details of a loan account. */
export type LoanDetails = v.InferOutput<typeof LoanDetails>

/** Details of a savings account (fields from a client model; any may be `null`). */
export const SavingsDetails = v.object({
  opening_date: v.nullish(DateString),
  interest_rate: v.nullish(v.number()),
  ceiling: v.nullish(v.number()),
})
/** Details of a savings account. */
export type SavingsDetails = v.InferOutput<typeof SavingsDetails>

/** A bank account (2021-06-01). Amounts are JSON numbers in major units (euros, not cents). */
export const Account = v.object({
  id: v.number(),
  name: v.string(),
  balance: v.number(),
  /** Same codes as items ({@link ItemStatusCode}). */
  status: v.nullish(ItemStatusCode),
  status_code_info: v.nullish(v.string()),
  status_code_description: v.nullish(v.string()),
  updated_at: v.nullish(Timestamp),
  type: AccountType,
  is_paused: v.nullish(v.boolean()),
  /** ISO 4217, upper case. */
  currency_code: v.string(),
  item_id: v.number(),
  bank_id: v.number(),
  loan_details: v.nullish(LoanDetails),
  savings_details: v.nullish(SavingsDetails),
  /** A business account. */
  is_pro: v.nullish(v.boolean()),
  /** `null` for cards and where the bank does not give it. */
  iban: v.nullish(v.string()),
})
/** A bank account. */
export type Account = v.InferOutput<typeof Account>

/** An account as account check (`GET /v2/accounts-information`) describes it. */
export const AccountInformationAccount = v.object({
  id: v.number(),
  name: v.nullish(v.string()),
  type: v.nullish(AccountType),
  currency_code: v.nullish(v.string()),
  bank_id: v.nullish(v.number()),
  iban: v.nullish(v.string()),
})
/** An account of an account check. */
export type AccountInformationAccount = v.InferOutput<typeof AccountInformationAccount>

/**
 * Account check of one item: the holder's identity and the item's IBANs. Uncertain: the response
 * schema is not in the reference; this shape comes from a third-party connector, so everything but
 * `item_id` may be missing.
 */
export const AccountsInformation = v.object({
  item_id: v.number(),
  first_name: v.nullish(v.string()),
  last_name: v.nullish(v.string()),
  accounts: v.nullish(v.array(AccountInformationAccount)),
})
/** Account check of one item. */
export type AccountsInformation = v.InferOutput<typeof AccountsInformation>
