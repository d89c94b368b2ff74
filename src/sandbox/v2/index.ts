// The 2021-06-01 API module (`/v2/...`): its errors, auth failures and the list of its routes.
import { type ApiModule, AUTH_FAILURES, json } from '../http.js'
import { aggregationRoutes } from './aggregation.js'
import { catalogRoutes } from './catalog.js'
import { insightRoutes } from './insights.js'
import { paymentRoutes } from './payments.js'
import { transferRoutes } from './transfers.js'
import { userRoutes } from './users.js'

/**
 * API version 2021-06-01 (`/v2/...`): users (e-mail/password too), banks, categories, Connect URLs,
 * aggregation, category insights, payment links and requests, refunds and payouts, Bridge Transfer.
 */

/** `{"type","message","documentation_url"}`, the 2021-06-01 error body. */
const error: ApiModule['error'] = (status, code, message) =>
  json(status, { type: code, message: message ?? code, documentation_url: 'https://docs.bridgeapi.io/' })

/** The 2021-06-01 API module the sandbox serves under `/v2`. */
export const v2Api: ApiModule = {
  prefix: '/v2',
  bridgeVersion: '2021-06-01',
  error,
  failures: AUTH_FAILURES,
  routes: [
    ...userRoutes,
    ...catalogRoutes,
    ...aggregationRoutes,
    ...insightRoutes,
    ...paymentRoutes,
    ...transferRoutes,
  ],
}
