// Names both recorded catalogues share: Bridge's logo host, capability and environment strings.

/** Where Bridge serves bank logos. */
export const LOGOS = 'https://web.bridgeapi.io/img/banks-logo/'

// Capabilities (2021-06-01 also has AIS and the transfer ones; its aggregation is `ais`).
export const AGG = 'aggregation'
export const CHECK = 'account_check'
export const PAY = 'single_payment'
export const PAY_LATER = 'single_payment_scheduled'
export const BULK = 'bulk_payment'
export const BULK_LATER = 'bulk_payment_scheduled'
export const INSTANT = 'instant_single_payment'
export const AIS = 'ais'
export const TRANSFER = 'single_transfer'
export const TRANSFER_LATER = 'single_transfer_scheduled'
export const BULK_TRANSFER = 'bulk_transfer'
export const PROD = ['prod']
export const PROD_SANDBOX = ['prod', 'sandbox']
