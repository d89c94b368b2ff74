/**
 * The engine shared by both API versions, re-exported by `bridgeapi` and `bridgeapi/v2`.
 * @module
 */

export {
  createRateLimiter,
  type RateLimitedRequest,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimitSlot,
} from '../rate-limit/limiter.js'
export {
  type Admission,
  BRIDGE_RATE_LIMITS,
  type HeldSlot,
  type MemoryRateLimitStoreOptions,
  memoryRateLimitStore,
  type RateLimit,
  type RateLimitStore,
  type RateLimits,
  type RateLimitWindow,
  type SlotRequest,
} from '../rate-limit/store.js'
export type { SyncBatch, SyncError, SyncItem, SyncOptions, SyncParams, SyncStream } from '../sync/engine.js'
export { fromMinorUnits, toMinorUnits } from './amounts.js'
export type { ApiVersion } from './api-version.js'
export {
  type MemoryTokenStoreOptions,
  memoryTokenStore,
  type StoredToken,
  type TokenStore,
} from './auth/token-store.js'
export type { TokenInfo } from './auth/user-token.js'
export type { Clock } from './clock.js'
export {
  type Context,
  type ContextOptions,
  type ContextUser,
  createContext,
  DEFAULT_RETRY,
  type EmailPasswordUser,
  type ExternalUser,
  type RetryPolicy,
  type UserCredentials,
  type UuidUser,
} from './context.js'
export type {
  AbortError,
  ApiError,
  AuthenticationError,
  BridgeError,
  BridgeErrorBody,
  BridgeErrorItem,
  CollectLimitError,
  InputValidationError,
  Issue,
  ListError,
  NetworkError,
  RateLimiterError,
  RedirectError,
  RequestLocation,
  ResponseTooLargeError,
  ResponseValidationError,
  TimeoutError,
} from './errors.js'
export { formatError, isBridgeError } from './errors.js'
export type { Hooks, RequestEvent, ResponseEvent } from './http/hooks.js'
export type { OfetchInstance } from './http/ofetch-instance.js'
export type { CallOptions, RawResponse } from './http/request.js'
export type { ExtraParams } from './http/types.js'
export {
  type CollectOptions,
  collect,
  type ListOptions,
  type Page,
  type PageParams,
  type Paginated,
} from './lists/pagination.js'
export { BridgeException, unwrap } from './lists/unwrap.js'
export { type WithResponse, withResponse } from './lists/with-response.js'
export { Redacted } from './redacted.js'
