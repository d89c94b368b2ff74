/** The 2025-01-15 API version: its Bridge-Version header and how its users authenticate. */
import type { ApiVersion, TokenRequest } from '../core/api-version.js'

/** API version 2025-01-15 (paths `/v3/...`): users by uuid or external id; e-mail/password users do not exist. */
export const v3: ApiVersion = {
  bridgeVersion: '2025-01-15',
  tokenRequest: (user): TokenRequest =>
    user.kind === 'uuid'
      ? { path: '/v3/aggregation/authorization/token', body: { user_uuid: user.uuid } }
      : user.kind === 'external'
        ? { path: '/v3/aggregation/authorization/token', body: { external_user_id: user.externalUserId } }
        : { unsupported: 'E-mail/password users only exist in API 2021-06-01: use bridgeapi/v2' },
}
