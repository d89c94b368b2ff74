/** The `createApplication` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { EmailParam } from '../../common/params.js'
import { defineOperation } from '../../core/define/operation.js'
import { TextParam } from '../../core/schema.js'
import { v3 } from '../api.js'

/** Parameters of {@link createApplication}. */
export const CreateApplicationParams = v.object({
  /** The Bridge dashboard user who will own the applications. */
  dashboardUserEmail: EmailParam,
  /** The applications to create: 1 to 50 per call (docs.bridgeapi.io/docs/create-production-applications-by-api). */
  applications: v.pipe(
    v.array(v.object({ name: TextParam(100) })),
    v.minLength(1, 'must hold at least one application'),
    v.maxLength(50, 'must hold at most 50 applications'),
  ),
})
/** Parameters of {@link createApplication}. */
export type CreateApplicationParams = v.InferInput<typeof CreateApplicationParams>

/**
 * Creates production applications, for eligible partners (`POST /v3/applications`, client credentials; 204):
 * 1 to 50 per call, all or none, at most one call a minute (docs/create-production-applications-by-api).
 * Bridge refuses with 400 `organization.cannot_update_remaining_app_counter_exception` past your quota and
 * 403 `application.ip_whitelist_insecure` when your IP allow-list is too broad.
 *
 * @param ctx - the context (client credentials).
 * @param params - `dashboardUserEmail` and `applications` (`{ name }` each).
 * @returns a task of `undefined` once created.
 * @example
 * ```ts
 * import { createApplication, createContext } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * await createApplication(ctx, { dashboardUserEmail: 'j.doe@example.com', applications: [{ name: 'Shop' }] })()
 * ```
 */
export const createApplication = defineOperation({
  name: 'createApplication',
  api: v3,
  method: 'POST',
  auth: 'client',
  params: CreateApplicationParams,
  path: () => '/v3/applications',
  body: (p) => ({
    dashboard_user_email: p.dashboardUserEmail,
    applications: p.applications.map((application) => ({ name: application.name })),
  }),
  response: null,
})
