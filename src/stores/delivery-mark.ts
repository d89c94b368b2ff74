/** The pending/done marks the KV and Deno KV delivery stores keep per webhook delivery. */
import type { DeliveryClaim } from '../webhooks/delivery-store.js'

/*
 * The webhook delivery marks of the KV and Deno KV delivery stores: `pending:<until>` or `done:<until>`,
 * `until` in ms since the epoch. The instant is kept in the value because the backends expire keys
 * coarsely (Workers KV: never sooner than 60 s; Deno KV: some time after `expireIn`).
 */

/** A mark's state. */
export type MarkState = Exclude<DeliveryClaim, 'claimed'>

/** The text of a mark in `state` until `until`. */
export const encodeMark = (state: MarkState, until: number): string => `${state}:${Math.ceil(until)}`

/**
 * The state of a stored mark that is still live at `now`. A missing, expired or unreadable mark
 * gives `undefined` (the delivery is handled: when in doubt, deliver again).
 */
export const liveMark = (raw: unknown, now: number): MarkState | undefined => {
  const match = typeof raw === 'string' ? /^(pending|done):(\d+)$/.exec(raw) : null
  return match && Number(match[2]) > now ? (match[1] as MarkState) : undefined
}
