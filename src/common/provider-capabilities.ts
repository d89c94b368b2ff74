/**
 * Provider capabilities seen in Bridge's 2025-01-15 data. One list for the SDK's `ProviderCapability` and
 * the sandbox's provider fixtures (a provider that offers every capability can list them all from here).
 */
export const PROVIDER_CAPABILITIES = [
  'aggregation',
  'account_check',
  'single_payment',
  'single_payment_scheduled',
  'instant_single_payment',
  'bulk_payment',
  'bulk_payment_scheduled',
] as const
