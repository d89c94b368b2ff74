/** The 2021-06-01 banks models, as valibot schemas and their types. */
import * as v from 'valibot'
import { openEnum, Timestamp } from '../../core/schema.js'

/**
 * Bank capabilities (2021-06-01), the values sent in the `capabilities` filter and found in
 * `Bank.capabilities` (open: new ones pass). `bulk_transfer_scheduled` is only known from a client enum.
 */
export const BankCapability = openEnum([
  'ais',
  'account_check',
  'single_transfer',
  'bulk_transfer',
  'single_transfer_scheduled',
  'bulk_transfer_scheduled',
  'single_payment',
  'bulk_payment',
  'single_payment_scheduled',
  'bulk_payment_scheduled',
] as const)
/** A bank capability. */
export type BankCapability = v.InferOutput<typeof BankCapability>

/** One field of a bank's credential form. */
export const BankFormField = v.object({
  /** Label shown to the user (in the bank's language). */
  label: v.string(),
  /** `USER` (customer id), `PWD` (password), `PWD2` (extra secret); open. */
  type: openEnum(['USER', 'PWD', 'PWD2'] as const),
  /** A **string**: `"1"` when the field takes digits only, else `"0"`. */
  isNum: v.nullish(v.string()),
  /** Longest value, `null` for no limit. */
  maxLength: v.nullish(v.number()),
  /** Shortest value, `null` for no limit (absent in older responses). */
  minLength: v.nullish(v.number()),
})
/** One field of a bank's credential form. */
export type BankFormField = v.InferOutput<typeof BankFormField>

/**
 * A bank (2021-06-01; 2025-01-15 calls them providers, with the same ids). Demo Bank is 574.
 * Only `id`, `name`, `country_code` and `capabilities` are taken as always present; everything else
 * may be `null` or missing (older responses lack `authentication_page_url` and form `minLength`).
 */
export const Bank = v.object({
  id: v.number(),
  name: v.string(),
  /** ISO 3166-1 alpha-2, upper case (`FR`). */
  country_code: v.string(),
  /** Logo URL; can be `""`. */
  logo_url: v.nullish(v.string()),
  /** `INTERNAL_CREDS` or `WEBVIEW` (open). */
  authentication_type: v.nullish(openEnum(['INTERNAL_CREDS', 'WEBVIEW'] as const)),
  form: v.nullish(v.array(BankFormField)),
  /** Present on `WEBVIEW` banks only, e.g. `https://api.bridgeapi.io/v2/banks/592/connect-item`. */
  url: v.nullish(v.string()),
  is_highlighted: v.nullish(v.boolean()),
  /** Six hex digits without `#`. */
  primary_color: v.nullish(v.string()),
  secondary_color: v.nullish(v.string()),
  /** Bank group, e.g. `BNP`. */
  parent_name: v.nullish(v.string()),
  capabilities: v.array(BankCapability),
  /** Only on banks with transfer capabilities. */
  transfer: v.nullish(
    v.object({
      nb_max_transactions: v.nullish(v.number()),
      max_size_label: v.nullish(v.number()),
      multiple_dates_transfers: v.nullish(v.boolean()),
    }),
  ),
  /** Only on banks with payment capabilities. */
  payment: v.nullish(
    v.object({
      nb_max_transactions: v.nullish(v.number()),
      max_size_label: v.nullish(v.number()),
      multiple_dates_payments: v.nullish(v.boolean()),
      sender_iban_available: v.nullish(v.boolean()),
    }),
  ),
  /** `dsp2`, `direct_access` (open). */
  channel_type: v.nullish(v.array(openEnum(['dsp2', 'direct_access'] as const))),
  display_order: v.nullish(v.number()),
  /** Host and path without scheme, e.g. `banqueentreprise.bnpparibas`. */
  authentication_page_url: v.nullish(v.string()),
})
/** A bank. */
export type Bank = v.InferOutput<typeof Bank>

const connectorStatusFields = {
  /** Bank id; absent on group nodes. */
  id: v.nullish(v.number()),
  bank_name: v.string(),
  /** Percent of successful refreshes. */
  percentage_success: v.number(),
  percentage_error: v.number(),
  refresh_at: v.nullish(Timestamp),
  active: v.nullish(v.boolean()),
}

/**
 * Health of one bank connector, or of a group of them (`children`), from `GET /v2/banks/insights`.
 * Uncertain: not documented; the shape comes from one recorded response, so only `bank_name` and the
 * two percentages are required.
 */
export const ConnectorStatus = v.object({
  ...connectorStatusFields,
  /** ISO 3166-1 alpha-2 (top level only). */
  country: v.nullish(v.string()),
  /** The group's connectors (top level only). */
  children: v.nullish(v.array(v.object(connectorStatusFields))),
})
/** Health of one connector or group. */
export type ConnectorStatus = v.InferOutput<typeof ConnectorStatus>
