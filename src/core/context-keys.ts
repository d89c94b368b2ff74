/** The keys `createContext` accepts, so that any other is refused by name (strict inputs). */
import type { Issue } from './errors.js'
import { unknownKeys } from './unknown-keys.js'

/** The keys of `ContextOptions`. */
const CONTEXT_OPTION_KEYS = [
  'clientId',
  'clientSecret',
  'user',
  'tokenStore',
  'baseUrl',
  'timeoutMs',
  'maxResponseBytes',
  'retry',
  'autoRenew',
  'renewBeforeMs',
  'language',
  'hooks',
  'fetch',
  '$fetch',
  'clock',
  'now',
  'sleep',
  'rateLimiter',
]

/** The keys of each form of `user`; the form is told by the key createContext reads first. */
const USER_KEYS = { uuid: ['uuid'], externalUserId: ['externalUserId'], email: ['email', 'password'] }

const userForm = (user: unknown): keyof typeof USER_KEYS =>
  typeof user === 'object' && user !== null && 'uuid' in user
    ? 'uuid'
    : typeof user === 'object' && user !== null && 'externalUserId' in user
      ? 'externalUserId'
      : 'email'

/**
 * The keys of context options (and of their `retry`, `hooks` and `user`) that no option accepts.
 * `retryKeys` are the retry policy's (from `DEFAULT_RETRY`, kept beside the context).
 */
export const unknownContextKeys = (given: Record<string, unknown>, retryKeys: readonly string[]): Issue[] => [
  ...unknownKeys(given, CONTEXT_OPTION_KEYS),
  ...unknownKeys(given.retry, retryKeys, 'retry'),
  ...unknownKeys(given.hooks, ['onRequest', 'onResponse'], 'hooks'),
  ...unknownKeys(given.user, USER_KEYS[userForm(given.user)], 'user'),
]
