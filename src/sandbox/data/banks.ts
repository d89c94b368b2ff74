// Bank resources (2021-06-01, `/v2/banks`) as Bridge served them: Demo Bank 574 and a representative subset.
import {
  AIS,
  BULK,
  BULK_LATER,
  BULK_TRANSFER,
  CHECK,
  LOGOS,
  PAY,
  PAY_LATER,
  TRANSFER,
  TRANSFER_LATER,
} from './capabilities.js'

/** What differs between the recorded banks. */
interface BankRow {
  /** Default `FR`. */
  readonly country?: string
  readonly auth: 'WEBVIEW' | 'INTERNAL_CREDS'
  readonly form: readonly Readonly<Record<string, unknown>>[]
  readonly highlighted?: boolean
  /** Primary and secondary colours; default `null`. */
  readonly colors?: readonly [string, string]
  readonly parent: string | null
  readonly capabilities: readonly string[]
  readonly transfer?: Readonly<Record<string, unknown>>
  readonly payment?: Readonly<Record<string, unknown>>
  readonly channels: readonly string[]
  readonly displayOrder?: number
  /** `authentication_page_url`. */
  readonly page: string | null
}

/** A `/v2/banks` resource; a `WEBVIEW` bank has its Connect `url`. */
const bank = (id: number, name: string, logo: string, row: BankRow) => ({
  id,
  name,
  country_code: row.country ?? 'FR',
  logo_url: logo && LOGOS + logo,
  authentication_type: row.auth,
  form: row.form,
  ...(row.auth === 'WEBVIEW' ? { url: `https://api.bridgeapi.io/v2/banks/${id}/connect-item` } : {}),
  is_highlighted: row.highlighted ?? false,
  primary_color: row.colors?.[0] ?? null,
  secondary_color: row.colors?.[1] ?? null,
  parent_name: row.parent,
  capabilities: row.capabilities,
  ...(row.transfer ? { transfer: row.transfer } : {}),
  ...(row.payment ? { payment: row.payment } : {}),
  channel_type: row.channels,
  display_order: row.displayOrder ?? null,
  authentication_page_url: row.page,
})

/** A field of a bank's login `form` (`isNum` is a string, as Bridge sends it). */
const field = (label: string, type: string, isNum: '0' | '1', maxLength: number | null = null) => ({
  label,
  type,
  isNum,
  maxLength,
  minLength: null,
})

/** A bank's `payment` limits. */
const bankPayment = (
  nbMaxTransactions: number,
  maxSizeLabel: number,
  multipleDates: boolean,
  senderIban: boolean,
) => ({
  nb_max_transactions: nbMaxTransactions,
  max_size_label: maxSizeLabel,
  multiple_dates_payments: multipleDates,
  sender_iban_available: senderIban,
})

/** `/v2/banks` resources, field for field. */
export const BANKS_V2: readonly Readonly<Record<string, unknown>>[] = [
  bank(574, 'Demo bank', 'fr/demo-bank.png', {
    auth: 'INTERNAL_CREDS',
    form: [field('Identifiant', 'USER', '0'), field('Mot de passe', 'PWD', '0')],
    parent: null,
    capabilities: [AIS, CHECK, TRANSFER, BULK_TRANSFER, PAY, PAY_LATER],
    transfer: { nb_max_transactions: 1, max_size_label: 140, multiple_dates_transfers: false },
    payment: bankPayment(1, 140, false, false),
    channels: ['dsp2', 'direct_access'],
    page: null,
  }),
  bank(592, 'BNP Connexis - BETA', 'fr/bnp.png', {
    auth: 'WEBVIEW',
    form: [field('Identifiant', 'USER', '0'), field('Mot de passe', 'PWD', '1')],
    parent: 'BNP',
    capabilities: [AIS],
    channels: ['dsp2'],
    page: null,
  }),
  bank(578, 'BNP Net Entreprises (Clé digitale Entreprise)', 'fr/bnp.png', {
    auth: 'INTERNAL_CREDS',
    form: [field("Numéro d'abonné", 'USER', '1')],
    highlighted: true,
    colors: ['007942', '00AC7B'],
    parent: 'BNP',
    capabilities: [AIS],
    channels: ['dsp2'],
    displayOrder: 700,
    page: 'banqueentreprise.bnpparibas',
  }),
  bank(577, 'HSBC Entreprise (Elys PC) - Beta', 'fr/hsbc.png', {
    auth: 'INTERNAL_CREDS',
    form: [field('Identifiant', 'USER', '1'), field('Réponse mémorable', 'PWD', '0')],
    parent: 'HSBC',
    capabilities: [],
    channels: ['direct_access'],
    page: null,
  }),
  bank(563, 'Memo Bank', 'fr/memo-bank.png', {
    auth: 'WEBVIEW',
    form: [field('Identifiant', 'USER', '0'), field('Mot de passe', 'PWD', '1')],
    parent: null,
    capabilities: [AIS],
    channels: ['dsp2'],
    page: 'memo.bank',
  }),
  bank(544, 'BTP Banque', 'fr/btp.png', {
    auth: 'WEBVIEW',
    form: [
      field('Identifiant client', 'USER', '1'),
      field("Numéro d'usager", 'PWD2', '0'),
      field('Code confidentiel', 'PWD', '1'),
    ],
    parent: 'BTP Banque',
    capabilities: [AIS, CHECK],
    channels: ['dsp2'],
    page: 'btp-banque.fr',
  }),
  bank(499, 'Crédit Coopératif Entreprise', 'fr/credit-cooperatif-particuliers.png', {
    auth: 'INTERNAL_CREDS',
    form: [
      field('Identifiant client', 'USER', '1'),
      field("Numéro d'usager", 'PWD2', '1'),
      field('Code confidentiel', 'PWD', '1'),
    ],
    parent: 'Crédit Coopératif',
    capabilities: [AIS, CHECK, PAY, PAY_LATER],
    payment: bankPayment(1, 140, false, true),
    channels: ['direct_access', 'dsp2'],
    page: 'credit-cooperatif.coop/entreprises',
  }),
  bank(489, 'Pumpkin DEPRECATED', '', {
    auth: 'INTERNAL_CREDS',
    form: [
      field('Numéro de téléphone avec indicatif (ex: +33)', 'USER', '0'),
      field('Mot de passe', 'PWD', '0'),
    ],
    parent: 'Pumpkin',
    capabilities: [],
    channels: ['direct_access'],
    page: 'pumpkin-app.co',
  }),
  bank(476, 'CIC Banque Privée', 'fr/cic.png', {
    auth: 'INTERNAL_CREDS',
    form: [field('Identifiant', 'USER', '0'), field('Mot de passe', 'PWD', '0')],
    colors: ['018289', '0F228B'],
    parent: 'CIC',
    capabilities: [AIS, CHECK, TRANSFER, BULK_TRANSFER, TRANSFER_LATER, PAY, BULK, PAY_LATER, BULK_LATER],
    transfer: { nb_max_transactions: 78, max_size_label: 140, multiple_dates_transfers: false },
    payment: bankPayment(78, 140, true, true),
    channels: ['dsp2', 'direct_access'],
    page: 'cic.fr/banqueprivee',
  }),
  bank(468, 'American Express DE', 'fr/americanexpress.png', {
    country: 'DE',
    auth: 'WEBVIEW',
    form: [field('User ID', 'USER', '0'), field('Password', 'PWD', '0')],
    parent: null,
    capabilities: [],
    channels: ['dsp2'],
    page: 'americanexpress.com',
  }),
  bank(466, 'Revolut Business DE', 'gb/revolut.png', {
    country: 'DE',
    auth: 'WEBVIEW',
    form: [field('Email', 'USER', '0'), field('Password', 'PWD', '0')],
    parent: 'Revolut DE',
    capabilities: [AIS, PAY],
    payment: bankPayment(1, 35, false, false),
    channels: ['dsp2'],
    page: 'business.revolut.com',
  }),
  bank(458, 'LCL Entreprise (legacy lecteur sans fil)', 'fr/lcl.png', {
    auth: 'WEBVIEW',
    form: [field('Identifiant', 'USER', '0', 20)],
    highlighted: true,
    colors: ['1F368B', 'FFA702'],
    parent: 'LCL',
    capabilities: [],
    channels: ['dsp2'],
    displayOrder: 200,
    page: 'entreprises.secure.lcl.fr',
  }),
  bank(451, 'Caisse d’Epargne Hauts de France', 'fr/caisseepargne-dsp2.png', {
    auth: 'INTERNAL_CREDS',
    form: [field('Identifiant client', 'USER', '1'), field('Code confidentiel', 'PWD', '1')],
    colors: ['DB0029', 'FFFFFF'],
    parent: "Caisse d'Epargne",
    capabilities: [AIS, CHECK, TRANSFER, TRANSFER_LATER, PAY, PAY_LATER],
    transfer: { nb_max_transactions: 1, max_size_label: 100, multiple_dates_transfers: false },
    payment: bankPayment(1, 140, false, true),
    channels: ['dsp2', 'direct_access'],
    page: 'caisse-epargne.fr/hauts-de-france',
  }),
]
