/** The `createGuidanceSession` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { v3 } from '../api.js'
import { GuidanceSession, guidanceCompanyEntries, toGuidanceCompanyBody } from './models.js'

/** Parameters of {@link createGuidanceSession}: the same fields as a guidance consent. */
export const CreateGuidanceSessionParams = v.object(guidanceCompanyEntries)
/** Parameters of {@link createGuidanceSession}. */
export type CreateGuidanceSessionParams = v.InferInput<typeof CreateGuidanceSessionParams>

/**
 * Creates a guidance session, the page where a user who gave consent reads their guidance, for eligible
 * partners (`POST /v3/guidance/sessions`, client credentials). The stored copy of the reference page
 * (docs.bridgeapi.io/reference/createguidancesession) shows the body and answer but not the path: the path
 * follows its siblings `/v3/guidance/consents` and `/v3/guidance/health/{user_uuid}`.
 *
 * @param ctx - the context (client credentials).
 * @param params - `userUuid`, `countryCode`, `companyIdentificationNumber`, optional `language` and contacts.
 * @returns a task of the {@link GuidanceSession}: show the user its `url` and, once, its password
 *   (`password.reveal()`; it never appears in logs or errors).
 * @example
 * ```ts
 * import { createContext, createGuidanceSession } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const result = await createGuidanceSession(ctx, {
 *   userUuid: '9113349b-3868-4e6f-8d68-8ea260132e1d',
 *   countryCode: 'FR',
 *   companyIdentificationNumber: '529196313',
 * })()
 * if (result._tag === 'Right') console.log(result.right.url, result.right.password.reveal())
 * ```
 */
export const createGuidanceSession = defineOperation({
  name: 'createGuidanceSession',
  api: v3,
  method: 'POST',
  auth: 'client',
  params: CreateGuidanceSessionParams,
  path: () => '/v3/guidance/sessions',
  body: toGuidanceCompanyBody,
  response: GuidanceSession,
})
