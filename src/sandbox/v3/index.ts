// The 2025-01-15 API module (`/v3/...`): its errors, auth failures and the list of its routes.
import { type ApiModule, AUTH_FAILURES, json } from '../http.js'
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
  failures: AUTH_FAILURES,
  routes: [...userRoutes, ...aggregationRoutes, ...catalogRoutes, ...paymentRoutes],
}
