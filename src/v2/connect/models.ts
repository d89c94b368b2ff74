/** The 2021-06-01 connect models, as valibot schemas and their types. */
import * as v from 'valibot'

/** A Bridge Connect URL: send the user's browser to `redirect_url`. */
export const ConnectUrl = v.object({
  redirect_url: v.string(),
})
/** A Bridge Connect URL. */
export type ConnectUrl = v.InferOutput<typeof ConnectUrl>
