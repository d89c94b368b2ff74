// Provider resources (2025-01-15, `/v3/providers`) as Bridge served them, Demo Bank 574 included.
import {
  AGG,
  BULK,
  BULK_LATER,
  CHECK,
  INSTANT,
  LOGOS,
  PAY,
  PAY_LATER,
  PROD,
  PROD_SANDBOX,
} from './capabilities.js'

/**
 * A representative subset, not the full list; the 2021-06-01 banks are in `banks.ts`. Generated from the project's
 * API reference, `bridge-api/data/providers.json`, as one row per provider: a builder writes the
 * fields every recorded provider shares, in Bridge's key order, so the JSON served is the recorded one.
 */

/** What differs between the recorded providers (all are French, with aggregation active). */
interface ProviderRow {
  readonly group?: string
  readonly capabilities: readonly string[]
  /** `payment_metadata`; a provider with one also has a healthy `single_payment`. */
  readonly payment?: Readonly<Record<string, unknown>>
  readonly tags: Readonly<Record<string, readonly string[]>>
  /** Aggregation health; default `healthy`. */
  readonly aggregation?: string
}

/** A `/v3/providers` resource. */
const provider = (id: number, name: string, logo: string, row: ProviderRow) => ({
  id,
  name,
  country_code: 'FR',
  images: { logo: LOGOS + logo },
  ...(row.group === undefined ? {} : { group_name: row.group }),
  capabilities: row.capabilities,
  ...(row.payment ? { payment_metadata: row.payment } : {}),
  aggregation_metadata: { release_status: 'active' },
  health_status: {
    ...(row.payment ? { single_payment: { status: 'healthy' } } : {}),
    aggregation: { status: row.aggregation ?? 'healthy' },
  },
  tags: row.tags,
})

/** A provider's `payment_metadata`: an active one that reports execution status unless `more` says otherwise. */
const payment = (
  nbMaxTransactions: number,
  maxSizeLabel: number,
  multipleDates: boolean,
  senderIban: boolean,
  environments: readonly string[] = PROD,
  more: { release_status?: string; execution_status_available?: boolean } = {},
) => ({
  release_status: more.release_status ?? 'active',
  nb_max_transactions: nbMaxTransactions,
  max_size_label: maxSizeLabel,
  multiple_dates_payments: multipleDates,
  sender_iban_available: senderIban,
  provider_environments: environments,
  execution_status_available: more.execution_status_available ?? true,
})

/** `/v3/providers` resources, field for field. */
export const PROVIDERS_V3: readonly Readonly<Record<string, unknown>>[] = [
  provider(574, 'Demo bank', 'fr/demo-bank-20250109094909.png', {
    capabilities: [AGG, CHECK, PAY, PAY_LATER, BULK, BULK_LATER, INSTANT],
    payment: payment(100, 140, true, true, ['sandbox']),
    tags: { segment: ['b2c', 'b2b'] },
    aggregation: 'degraded',
  }),
  provider(128, 'Fortuneo', 'fr/fortuneo.png', {
    capabilities: [AGG, PAY, INSTANT],
    payment: payment(1, 140, false, true),
    tags: { segment: ['b2c'] },
  }),
  provider(416, 'BNP Paribas Privée', 'fr/bnp.png', {
    group: 'BNP',
    capabilities: [AGG, CHECK, PAY, PAY_LATER, INSTANT],
    payment: payment(1, 140, false, true),
    tags: { segment: ['b2c'] },
  }),
  provider(6, 'BNP Paribas Particuliers', 'fr/bnp.png', {
    group: 'BNP',
    capabilities: [CHECK, AGG, PAY, PAY_LATER, INSTANT],
    payment: payment(1, 140, false, true, PROD_SANDBOX),
    tags: { segment: ['b2c'] },
  }),
  provider(1510, 'UBS', 'de/ubs-de-20240828082851.png', { group: 'UBS', capabilities: [AGG], tags: {} }),
  provider(16, 'Crédit Mutuel - Site National', 'fr/creditmutuel.png', {
    group: 'Crédit Mutuel',
    capabilities: [AGG, CHECK, PAY, PAY_LATER, INSTANT, BULK_LATER, BULK],
    payment: payment(78, 140, true, true),
    tags: { segment: ['b2c', 'b2b'] },
  }),
  provider(141, 'Crédit Mutuel Maine-Anjou', 'fr/creditmutuel.png', {
    group: 'Crédit Mutuel',
    capabilities: [AGG, CHECK],
    payment: payment(0, 0, true, true, PROD, { release_status: 'retired' }),
    tags: { segment: ['b2c', 'b2b'], region: ['Maine-Anjou'] },
  }),
  provider(130, 'Crédit Mutuel de Bretagne', 'fr/credit-mutuel-bretagne.png', {
    group: 'Crédit Mutuel Arkéa',
    capabilities: [AGG, CHECK, PAY, INSTANT, PAY_LATER, BULK, BULK_LATER],
    payment: payment(500, 140, false, true),
    tags: { keywords: ['cmb'], segment: ['b2c', 'b2b'], region: ['Bretagne'] },
  }),
  provider(70, 'Crédit Agricole Morbihan', 'fr/creditagricole-dsp2.png', {
    group: 'Crédit Agricole',
    capabilities: [AGG, CHECK, PAY, PAY_LATER, BULK_LATER, BULK, INSTANT],
    payment: payment(80, 140, true, true),
    tags: { keywords: ['ca'], segment: ['b2c', 'b2b'], region: ['Morbihan'] },
  }),
  provider(14, 'CIC', 'fr/cic.png', {
    group: 'CIC',
    capabilities: [AGG, CHECK, PAY, BULK, PAY_LATER, BULK_LATER, INSTANT],
    payment: payment(78, 140, true, true),
    tags: { segment: ['b2c', 'b2b'] },
  }),
  provider(23, 'Bred', 'fr/bred.png', {
    capabilities: [AGG, CHECK, PAY, BULK, INSTANT, PAY_LATER, BULK_LATER],
    payment: payment(80, 140, true, true),
    tags: { segment: ['b2c', 'b2b'] },
  }),
  provider(25, 'Banque Populaire Occitane', 'fr/banquepopulaire-dsp2.png', {
    group: 'Banque Populaire',
    capabilities: [CHECK, AGG, PAY, PAY_LATER, INSTANT, BULK, BULK_LATER],
    payment: payment(50, 140, false, true),
    tags: { segment: ['b2c', 'b2b'], region: ['Occitanie'] },
  }),
  provider(5, 'SG Particuliers', 'fr/societegenerale.png', {
    group: 'SG',
    capabilities: [AGG, CHECK, PAY, PAY_LATER, INSTANT],
    payment: payment(1, 140, false, true),
    tags: { keywords: ['Société Générale'], segment: ['b2c'] },
  }),
  provider(17, 'La Banque Postale Particuliers', 'fr/banquepostale.png', {
    group: 'La Banque Postale',
    capabilities: [AGG, CHECK, PAY, PAY_LATER, INSTANT],
    payment: payment(1, 140, false, true),
    tags: { keywords: ['lbp'], segment: ['b2c'] },
  }),
  provider(152, 'LCL Particuliers', 'fr/lcl.png', {
    group: 'LCL',
    capabilities: [CHECK, AGG, PAY, PAY_LATER, INSTANT],
    payment: payment(1, 140, false, true, PROD, { execution_status_available: false }),
    tags: { keywords: ['crédit lyonnais'], segment: ['b2c'] },
  }),
  provider(122, 'BoursoBank', 'fr/boursorama-20231005131500.png', {
    capabilities: [CHECK, AGG, PAY, PAY_LATER, INSTANT],
    payment: payment(1, 50, false, true),
    tags: { keywords: ['boursorama'], segment: ['b2c', 'b2b'] },
  }),
  provider(438, "Caisse d'Epargne Particuliers - Banxo Provence Alpes Corse", 'fr/caisseepargne-dsp2.png', {
    group: "Caisse d'Epargne Particuliers - Banxo",
    capabilities: [AGG, CHECK],
    payment: payment(1, 140, false, true, PROD, { release_status: 'retired' }),
    tags: {
      keywords: ['reunion', 'martinique', 'guadeloupe', 'guyane'],
      segment: ['b2c', 'b2b'],
      region: ['Provence Alpes Corse'],
    },
    aggregation: 'degraded',
  }),
  provider(437, "Caisse d'Epargne Particuliers - Banxo Ile de France", 'fr/caisseepargne-dsp2.png', {
    group: "Caisse d'Epargne Particuliers - Banxo",
    capabilities: [AGG, CHECK],
    payment: payment(1, 140, false, true, PROD_SANDBOX, { release_status: 'retired' }),
    tags: { segment: ['b2c', 'b2b'], region: ['Ile De France'] },
  }),
  provider(288, 'Crédit Maritime Atlantique', 'fr/credit-maritime.png', {
    group: 'Crédit Maritime',
    capabilities: [AGG, CHECK, PAY, PAY_LATER, INSTANT, BULK, BULK_LATER],
    payment: payment(50, 100, false, true),
    tags: { segment: ['b2c', 'b2b'], region: ['Atlantique'] },
  }),
  provider(401, 'Banque BCP Particuliers', 'fr/banque-bcp.png', {
    group: 'Banque BCP',
    capabilities: [AGG, PAY, PAY_LATER, INSTANT, BULK, BULK_LATER],
    payment: payment(25, 140, false, true),
    tags: { segment: ['b2c'] },
  }),
  provider(421, 'Qonto FR', 'fr/qonto.png', {
    group: 'Qonto',
    capabilities: [AGG, CHECK, PAY, BULK, BULK_LATER, PAY_LATER],
    payment: payment(400, 140, true, false),
    tags: { segment: ['b2b'] },
  }),
  provider(422, 'Revolut', 'gb/revolut.png', {
    group: 'Revolut',
    capabilities: [AGG, PAY, INSTANT],
    payment: payment(1, 35, false, false),
    tags: { segment: ['b2c'] },
  }),
  provider(413, 'N26 (Number 26)', 'fr/n26.png', {
    group: 'N26',
    capabilities: [AGG, PAY],
    payment: payment(1, 140, false, false, PROD, { execution_status_available: false }),
    tags: { segment: ['b2c', 'b2b'] },
  }),
  provider(490, 'Wise', 'gb/log_and_exit-20230531065519.png', {
    group: 'Wise',
    capabilities: [AGG, PAY, INSTANT],
    payment: payment(1, 140, false, false),
    tags: { segment: ['b2c', 'b2b'] },
  }),
  provider(668, 'Finom', 'nl/finom.png', {
    group: 'Finom',
    capabilities: [AGG, PAY],
    payment: payment(1, 140, false, false, PROD_SANDBOX),
    tags: { segment: ['b2b'] },
  }),
  provider(2185, 'Swan', 'fr/swan-20240909125101.png', {
    group: '',
    capabilities: [AGG, PAY],
    payment: payment(1, 140, false, false, PROD_SANDBOX),
    tags: { segment: ['b2b'] },
  }),
  provider(708, 'Agicap via Swan', 'fr/swan-20240725133157.png', {
    group: '',
    capabilities: [AGG, PAY],
    payment: payment(1, 140, false, false, PROD_SANDBOX),
    tags: { segment: ['b2b'] },
  }),
  provider(3139, 'Hiway via Swan', 'fr/swan-20241002115643.png', {
    group: '',
    capabilities: [AGG, PAY],
    payment: payment(1, 140, false, false, ['sandbox', 'prod']),
    tags: { segment: ['b2b'] },
  }),
  provider(600, 'Crédit Municipal de Lyon', 'fr/ccmdirect-20231103135154.png', {
    group: 'Crédit Municipal',
    capabilities: [AGG, PAY],
    payment: payment(1, 140, false, true, PROD_SANDBOX),
    tags: { segment: ['b2c'], region: ['Lyon'] },
  }),
  provider(3452, 'Caixa Geral de Depositos France', 'pt/sibs-caixa-geral-de-depositos-france.png', {
    group: 'Caixa Geral de Depositos',
    capabilities: [AGG, PAY],
    payment: payment(1, 140, false, false),
    tags: { segment: ['b2c', 'b2b'] },
  }),
  provider(563, 'Memo Bank', 'fr/memo-bank.png', { capabilities: [AGG], tags: { segment: ['b2b', 'b2c'] } }),
  provider(409, 'Compte Nickel', 'fr/nickel.png', { capabilities: [AGG, CHECK], tags: { segment: ['b2c'] } }),
  provider(436, 'Sumeria (ex Lydia comptes)', 'fr/sumeria.png', {
    capabilities: [AGG, CHECK],
    tags: { segment: ['b2c'] },
  }),
  provider(488, 'PayPal', 'fr/paypal.png', { capabilities: [AGG], tags: { segment: ['b2c', 'b2b'] } }),
  provider(126, 'American Express', 'fr/americanexpress.png', {
    group: 'American Express',
    capabilities: [AGG],
    tags: { keywords: ['amex'], segment: ['b2c', 'b2b'] },
  }),
  provider(699, 'Nef Pro', 'fr/nef-pro.png', { group: '', capabilities: [AGG], tags: { segment: ['b2b'] } }),
  provider(3415, 'Stripe FR', 'fr/stripe-20241125115004.png', {
    group: 'Stripe',
    capabilities: [AGG, CHECK],
    tags: { segment: ['b2b'] },
  }),
  provider(3417, 'Banque Wormser Frères', 'fr/wormser-20241127153623.png', {
    group: '',
    capabilities: [AGG],
    tags: {},
  }),
]
