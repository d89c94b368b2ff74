/** The `getEmailValidation` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { v2 } from '../api.js'
import { EmailValidation } from './models.js'

/**
 * Tells whether the context's user confirmed their e-mail (`GET /v2/users/me/email/confirmation`,
 * user token): the Python client's `get_email_validation`.
 *
 * @param ctx - a context with a `user`.
 * @returns a task of the {@link EmailValidation}.
 * @example
 * ```ts
 * import { createContext, getEmailValidation } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const validation = await getEmailValidation(ctx)()
 * ```
 */
export const getEmailValidation = defineOperation({
  name: 'getEmailValidation',
  api: v2,
  method: 'GET',
  auth: 'user',
  params: v.object({}),
  path: () => '/v2/users/me/email/confirmation',
  response: EmailValidation,
})
