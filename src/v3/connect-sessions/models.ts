import * as v from 'valibot'

/** A front-end session in Bridge's hosted Connect UI: redirect the user's browser to `url`. */
export const ConnectSession = v.looseObject({
  /** Session id (UUID). */
  id: v.string(),
  /** The page to send the user to (`https://connect.bridgeapi.io/...`). */
  url: v.string(),
})
/** A Connect or user-management session. */
export type ConnectSession = v.InferOutput<typeof ConnectSession>

/** Which accounts Connect offers: `payment` (payment accounts only, Bridge's default) or `all`. */
export const AccountTypesParam = v.picklist(['payment', 'all'], 'must be payment or all')
