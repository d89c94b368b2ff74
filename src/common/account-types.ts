/**
 * Account types of both API versions: the ten values that three independent client libraries
 * declare (Bridge does not publish the list; new values may appear and are accepted).
 */
export const KNOWN_ACCOUNT_TYPES = [
  'checking',
  'savings',
  'brokerage',
  'card',
  'loan',
  'shared_saving_plan',
  'pending',
  'life_insurance',
  'special',
  'unknown',
] as const
