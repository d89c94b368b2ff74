/**
 * The engine shared by both API versions, re-exported by `bridgeapi` and `bridgeapi/v2`.
 * @module
 */
export { fromMinorUnits, toMinorUnits } from './amounts.js'
export type { ApiVersion } from './api-version.js'
export type { TokenInfo } from './auth.js'
export {
  type Context,
  type ContextOptions,
  type ContextUser,
  createContext,
  DEFAULT_RETRY,
  type EmailPasswordUser,
  type ExternalUser,
  type Hooks,
  type OfetchInstance,
  type RequestEvent,
  type ResponseEvent,
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
export {
  type CollectOptions,
  collect,
  type ListOptions,
  type Page,
  type PageParams,
  type Paginated,
} from './pagination.js'
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
} from './rate-limit-store.js'
export {
  createRateLimiter,
  type RateLimitedRequest,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimitSlot,
  type ThrottledRequest,
} from './rate-limiter.js'
export { Redacted } from './redacted.js'
export type { CallOptions, RawResponse } from './request.js'
export type { SyncBatch, SyncError, SyncItem, SyncOptions, SyncParams, SyncStream } from './sync.js'
export {
  type MemoryTokenStoreOptions,
  memoryTokenStore,
  type StoredToken,
  type TokenStore,
} from './token-store.js'
export { BridgeException, unwrap } from './unwrap.js'
export { type WithResponse, withResponse } from './with-response.js'
