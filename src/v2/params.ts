/** Parameter schemas used only by the 2021-06-01 endpoints. */
import * as v from 'valibot'
import { UrlParam } from '../common/params.js'
import { TextParam } from '../core/schema.js'

/** @returns the value as a list (for repeated query keys), or `undefined`. */
export const asList = <T>(value: T | readonly T[] | undefined): readonly T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value as T]

/** `redirect_url` and `context`, accepted by every Bridge Connect URL endpoint. */
export const ConnectOptionsParams = {
  /**
   * Where Bridge sends the user back (must match your dashboard settings). Its query parameters
   * (`user_uuid`, `item_id`, `success`, `context`) are a redirect, not an endpoint: there is no
   * request to make for them (2019 synchronization guide). Reading them is the job of
   * `parseConnectCallback` (being added by the local-loop issue).
   */
  redirectUrl: v.optional(UrlParam),
  /** Your own value, echoed back on the redirect. */
  context: v.optional(TextParam(1000)),
}

/** Maps {@link ConnectOptionsParams} to Bridge's names (absent fields are left out when serialised). */
export const toConnectOptions = (p: {
  readonly redirectUrl?: string | undefined
  readonly context?: string | undefined
}) => ({
  redirect_url: p.redirectUrl,
  context: p.context,
})

/** A bounded string parameter whose known values show in the type (any other value is accepted). */
/* @__NO_SIDE_EFFECTS__ */ export const openParam = <T extends string>(_known: v.GenericSchema<T, T>) =>
  TextParam(100) as unknown as v.GenericSchema<T, T>
