import * as v from 'valibot'
import { openEnum } from '../../core/schema.js'

/** A financial-guidance domain. Seen: `SAVINGS`, `STF`; the full list is not published (open). */
export const GuidanceDomain = openEnum(['SAVINGS', 'STF'] as const)
/** A guidance domain. */
export type GuidanceDomain = v.InferOutput<typeof GuidanceDomain>

/** Financial guidance for a user, from the analysis of their transactions. */
export const GuidanceHealth = v.looseObject({
  /** Advice text, in the `Accept-Language` language (French by default). */
  message: v.optional(v.string()),
  domains: v.optional(
    v.looseObject({
      /** Domains to show the user. */
      displayed: v.optional(v.array(GuidanceDomain)),
      /** Domains Bridge recommends. */
      recommended: v.optional(v.array(GuidanceDomain)),
    }),
  ),
})
/** Financial guidance for a user. */
export type GuidanceHealth = v.InferOutput<typeof GuidanceHealth>
