/** The 2025-01-15 payment consents models, as valibot schemas and their types. */
import * as v from 'valibot'

/** What {@link createPaymentConsent} returns. */
export const PaymentConsent = v.object({
  /** Page where the payer accepts Bridge's terms (`https://pay.bridgeapi.io/consent/<uuid>/terms`). */
  consent_url: v.string(),
})
/** A created payment consent. */
export type PaymentConsent = v.InferOutput<typeof PaymentConsent>
