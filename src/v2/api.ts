/** The 2021-06-01 API version: its Bridge-Version header and how its users authenticate. */
import type { ApiVersion, TokenRequest } from '../core/api-version.js'
import { credentialTag } from './credential-tag.js'

const AUTHENTICATE = '/v2/authenticate'

/**
 * API version 2021-06-01 (paths `/v2/...`). Tokens come from `POST /v2/authenticate`, with
 * `{ email, password }` for legacy e-mail users (the password is revealed only for that body),
 * `{ user_uuid }` or `{ external_user_id }` for the others. E-mail users' stored tokens are keyed with a
 * {@link credentialTag} of their password.
 */
export const v2: ApiVersion = {
  bridgeVersion: '2021-06-01',
  tokenRequest: (user): TokenRequest =>
    user.kind === 'email'
      ? { path: AUTHENTICATE, body: { email: user.email, password: user.password.reveal() } }
      : user.kind === 'uuid'
        ? { path: AUTHENTICATE, body: { user_uuid: user.uuid } }
        : { path: AUTHENTICATE, body: { external_user_id: user.externalUserId } },
  emailUserTag: credentialTag,
}
