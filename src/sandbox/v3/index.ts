import { type ApiModule, json } from '../http.js'
import { aggregationRoutes } from './aggregation.js'
import { catalogRoutes } from './catalog.js'
import { paymentRoutes } from './payments.js'
import { userRoutes } from './users.js'

/** API version 2025-01-15 (`/v3/...`): every operation of the reference's §2.2. */

/** `{"errors":[{"code","message","property"}]}`, keys without a value left out. */
const error: ApiModule['error'] = (status, code, message, property) =>
  json(status, { errors: [{ code, message, property }] })

export const v3Api: ApiModule = {
  prefix: '/v3',
  bridgeVersion: '2025-01-15',
  error,
  failures: {
    clientCredentials: (e) => e(401, 'invalid_client_credentials', 'client_id and client_secret are invalid'),
    missingToken: (e) => e(401, 'invalid_authorization_header', 'Authorization header has an invalid format'),
    // Bridge does not document the body for an expired or unknown token; this keeps the code of
    // its documented bearer error and says what happened.
    invalidToken: (e) => e(401, 'invalid_authorization_header', 'The access token is invalid or has expired'),
    version: (e) => e(400, 'invalid_version_header', 'API version Bridge-Version is invalid'),
  },
  routes: [...userRoutes, ...aggregationRoutes, ...catalogRoutes, ...paymentRoutes],
}
