import * as v from 'valibot'

/** What {@link createPaymentConsent} returns. */
export const PaymentConsent = v.object({
  /** Page where the payer accepts Bridge's terms (`https://pay.bridgeapi.io/consent/<uuid>/terms`). */
  consent_url: v.string(),
})
/** A created payment consent. */
export type PaymentConsent = v.InferOutput<typeof PaymentConsent>
