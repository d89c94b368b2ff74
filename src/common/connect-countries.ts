/**
 * Countries Bridge Connect can preselect (`country_code` of a 2025-01-15 Connect session), upper
 * case. One list for the SDK's parameter check and the sandbox's.
 */
export const CONNECT_COUNTRIES = [
  'FR',
  'ES',
  'IT',
  'PT',
  'DE',
  'BE',
  'NL',
  'LU',
  'PL',
  'HU',
  'IE',
  'MT',
  'CZ',
  'NO',
  'BG',
  'SE',
  'DK',
  'AT',
  'SK',
  'FI',
  'GB',
  'GR',
  'EE',
  'IS',
  'CY',
  'HR',
  'LV',
  'RO',
] as const
