// Version-neutral payment records and their store (links, requests, refunds, payouts, beneficiaries).
import type { SandboxClock } from './clock.js'
import { defined } from './fields.js'
import type { Rng } from './random.js'

/**
 * Payments, version-neutral: payment links, payment requests (with the Demo Bank label
 * scenarios), payment-account refunds, payouts and beneficiaries, partner consents.
 */

/** The payer or a beneficiary, as given in the request (snake_case keys kept). */
export type Party = Readonly<Record<string, string>>

/** A payment line as given in a payment link or request body. */
export interface PaymentLineInput {
  readonly amount: number
  readonly currency: string
  readonly label?: string
  readonly end_to_end_id?: string
  readonly client_reference?: string
  readonly execution_date?: string
  readonly beneficiary?: Party
  /** A payment request line's own values (2025-01-15). */
  readonly metadata?: Readonly<Record<string, string>>
}

/** A payment link: its token (in the URL), status and lines. */
export interface PaymentLinkRecord {
  readonly id: string
  readonly seq: number
  /** The 64-hex token in the link URL. */
  readonly token: string
  status: 'valid' | 'revoked' | 'completed'
  readonly user: Party
  readonly transactions: readonly PaymentLineInput[]
  readonly clientReference?: string
  readonly callbackUrl?: string
  readonly providerId?: number
  readonly expiredAt: number
  readonly createdAt: number
  updatedAt: number
}

export interface PaymentRequestRecord {
  readonly id: string
  readonly seq: number
  readonly user: Party
  readonly providerId: number
  readonly callbackUrl?: string
  readonly clientReference?: string
  readonly paymentLinkId?: string
  readonly transactions: readonly (PaymentLineInput & { readonly id: string })[]
  readonly createdAt: number
}

/** STET statuses the sandbox produces. */
export type PaymentStatus = 'CREA' | 'PDNG' | 'ACSC' | 'RJCT' | 'PART'

/** A beneficiary of the payment account. */
export interface BeneficiaryRecord {
  readonly id: string
  readonly iban: string
  readonly bic: string
  readonly bankName: string
  readonly companyName: string
}

export interface RefundRecord {
  readonly id: string
  readonly seq: number
  readonly paymentAccountTransactionId: string
  readonly amount: number
  readonly currency: string
  readonly status: string
  readonly clientReference?: string
  readonly description?: string
  readonly createdAt: number
}

export interface PayoutRecord {
  readonly id: string
  readonly seq: number
  readonly beneficiary: BeneficiaryRecord
  readonly status: 'paid' | 'fail'
  readonly statusReason?: string
  readonly clientReference?: string
  readonly label: string
  readonly amount: number
  readonly currency: string
  readonly createdAt: number
}

/** A Bridge Transfer (2021-06-01) to one beneficiary, alone or as a line of a bulk transfer. */
export interface TransferRecord {
  /** The transfer's uuid. */
  readonly id: string
  /** Creation order, the list cursor. */
  readonly seq: number
  readonly amount: number
  readonly label?: string
  readonly beneficiary: { readonly name: string; readonly iban: string }
  readonly senderAccountId: number
  readonly itemId: number
  readonly clientReference?: string
  readonly bulkTransferId?: string
  /** Shown once the transfer is executed. */
  readonly bankReference: string
  readonly createdAt: number
}

/** A bulk transfer: several transfers from one sender account. */
export interface BulkTransferRecord {
  readonly id: string
  readonly seq: number
  readonly senderAccountId: number
  readonly itemId: number
  readonly clientReference: string
  readonly transferIds: readonly string[]
  readonly createdAt: number
}

/** How long an `id-pdng-*` payment line stays pending. */
export const HOUR = 3_600_000
const REASONS = new Set([
  'ac01',
  'ac04',
  'ac06',
  'ag01',
  'am18',
  'ch03',
  'cust',
  'ds02',
  'ff01',
  'frad',
  'ms03',
  'noas',
  'rr01',
  'rr03',
  'rr04',
])

/**
 * Status of one payment line at `now`, from its label as Bridge's Demo Bank reads it:
 * `id-acsc` executed; `id-pdng-acsc` / `id-pdng-rjct` pending for an hour, then executed / rejected
 * (MS03); `id-rjct[-<reason>]` rejected. Any other label is executed at once.
 */
export const lineStatus = (
  label: string | undefined,
  createdAt: number,
  now: number,
): { status: PaymentStatus; reason?: string } => {
  const scenario = (label ?? '').toLowerCase().replace(/_/g, '-')
  const settled = now - createdAt >= HOUR
  if (scenario === 'id-pdng-acsc') return settled ? { status: 'ACSC' } : { status: 'PDNG' }
  if (scenario === 'id-pdng-rjct') return settled ? { status: 'RJCT', reason: 'MS03' } : { status: 'PDNG' }
  const rejected = /^id-rjct(?:-([a-z0-9]+))?$/.exec(scenario)
  if (rejected) {
    const reason = rejected[1]
    return reason && REASONS.has(reason)
      ? { status: 'RJCT', reason: reason.toUpperCase() }
      : { status: 'RJCT' }
  }
  return { status: 'ACSC' }
}

/** Bridge Transfer statuses the sandbox produces (the reference's final ones, and `initiated`). */
export type TransferStatus = 'initiated' | 'executed' | 'failed'

/**
 * A transfer's status at `now`, from the same Demo Bank label scenarios as {@link lineStatus}:
 * pending is `initiated` (sent to the bank), executed is `executed`, rejected is `failed` with the
 * reason in lower case (`regulatory_reason` when the label names none).
 */
export const transferStatus = (
  label: string | undefined,
  createdAt: number,
  now: number,
): { status: TransferStatus; reason?: string } => {
  const line = lineStatus(label, createdAt, now)
  if (line.status === 'PDNG') return { status: 'initiated' }
  if (line.status === 'RJCT')
    return { status: 'failed', reason: line.reason?.toLowerCase() ?? 'regulatory_reason' }
  return { status: 'executed' }
}

/** A request's status: one line's, PDNG while any is pending, PART when a bulk payment is mixed. */
export const requestStatus = (
  request: PaymentRequestRecord,
  now: number,
): { status: PaymentStatus; reason?: string; lines: { status: PaymentStatus; reason?: string }[] } => {
  const lines = request.transactions.map((line) => lineStatus(line.label, request.createdAt, now))
  const statuses = new Set(lines.map((line) => line.status))
  if (statuses.has('PDNG')) return { status: 'PDNG', lines }
  if (statuses.size > 1) return { status: 'PART', lines }
  const first = lines[0] ?? { status: 'CREA' as const }
  return { ...first, lines }
}

/** Payment records by id; records are added only through `add`, and listed newest first. */
export class RecordTable<T extends { readonly id: string; readonly seq: number }> {
  private readonly byId = new Map<string, T>()
  add(record: T): void {
    this.byId.set(record.id, record)
  }
  get(id: string): T | undefined {
    return this.byId.get(id)
  }
  find(test: (record: T) => boolean): T | undefined {
    for (const record of this.byId.values()) if (test(record)) return record
    return undefined
  }
  /** Newest first (by creation order). */
  list(): T[] {
    return [...this.byId.values()].sort((a, b) => b.seq - a.seq)
  }
}

/** A payment change the store announces (for the sandbox's webhooks). */
export type PaymentChange =
  | { readonly kind: 'payment-request-created'; readonly request: PaymentRequestRecord }
  | {
      readonly kind: 'payment-link-updated'
      readonly link: PaymentLinkRecord
      readonly status: PaymentLinkRecord['status'] | 'expired'
    }

/** Payment data of one sandbox; it changes only through these methods. */
export class PaymentStore {
  /** Told of each {@link PaymentChange} (the sandbox's webhooks listen here); none by default. */
  onChange: (change: PaymentChange) => void = () => {}
  readonly links = new RecordTable<PaymentLinkRecord>()
  readonly requests = new RecordTable<PaymentRequestRecord>()
  readonly refunds = new RecordTable<RefundRecord>()
  private readonly payoutTable = new RecordTable<PayoutRecord>()
  /** Payouts, read-only: {@link addPayout} adds them, keeping the balance. */
  readonly payouts: Pick<RecordTable<PayoutRecord>, 'get' | 'list'> = this.payoutTable
  readonly beneficiaries: readonly BeneficiaryRecord[]
  /** Users who gave guidance consent, by uuid. */
  readonly guidanceConsents = new Set<string>()
  /** Production applications the organisation may still create. */
  private applicationsLeft = 2
  /** Balance of the payment account, for payouts (sandbox rule: more than the balance fails). */
  private balance = 10_000
  private seq = 0

  constructor(
    private readonly clock: SandboxClock,
    private readonly rng: Rng,
  ) {
    this.beneficiaries = ['YourCompany', 'YourCompany Logistics'].map((companyName) => ({
      id: rng.uuid(),
      iban: `FR76${String(rng.int(0, 999_999_999)).padStart(9, '0')}${String(rng.int(0, 999_999_999_999)).padStart(12, '0')}${rng.int(100, 999)}`,
      bic: 'SMOEFRP3',
      bankName: 'DemoBank',
      companyName,
    }))
  }

  /** Revokes a valid link; `false` when it is not valid (any more). */
  revokeLink(link: PaymentLinkRecord): boolean {
    if (this.linkStatus(link) !== 'valid') return false
    link.status = 'revoked'
    link.updatedAt = this.clock.now()
    this.onChange({ kind: 'payment-link-updated', link, status: 'revoked' })
    return true
  }

  /**
   * Pays out from the payment account: `paid` when the balance covers the amount (which it then
   * loses), else `fail` with `insufficient_funds` (Bridge's documented sandbox rule).
   */
  addPayout(fields: Omit<PayoutRecord, 'seq' | 'status' | 'statusReason' | 'createdAt'>): PayoutRecord {
    const funded = fields.amount <= this.balance
    if (funded) this.balance = Math.round((this.balance - fields.amount) * 100) / 100
    const payout: PayoutRecord = {
      ...fields,
      seq: this.nextSeq(),
      status: funded ? 'paid' : 'fail',
      ...(funded ? {} : { statusReason: 'insufficient_funds' }),
      createdAt: this.clock.now(),
    }
    this.payoutTable.add(payout)
    return payout
  }

  /** Uses `count` of the remaining production applications; the number left when too few remain. */
  createApplications(count: number): true | number {
    if (count > this.applicationsLeft) return this.applicationsLeft
    this.applicationsLeft -= count
    return true
  }

  nextSeq(): number {
    this.seq += 1
    return this.seq
  }

  /** Link status at `now`: a valid link past its expiry is `expired`. */
  linkStatus(link: PaymentLinkRecord): PaymentLinkRecord['status'] | 'expired' {
    return link.status === 'valid' && this.clock.now() >= link.expiredAt ? 'expired' : link.status
  }

  /**
   * The payer pays a valid link: a payment request is created from its lines (on the link's
   * provider, or Demo Bank) and the link becomes `completed`.
   */
  payLink(link: PaymentLinkRecord): PaymentRequestRecord | undefined {
    if (this.linkStatus(link) !== 'valid') return undefined
    const request = this.addRequest({
      user: link.user,
      providerId: link.providerId ?? 574,
      paymentLinkId: link.id,
      ...defined({ callbackUrl: link.callbackUrl, clientReference: link.clientReference }),
      transactions: link.transactions,
    })
    link.status = 'completed'
    link.updatedAt = request.createdAt
    this.onChange({ kind: 'payment-link-updated', link, status: 'completed' })
    return request
  }

  /** Creates a payment request now; its id and its lines' ids come from `rng` (the caller's stream). */
  addRequest(
    fields: Omit<PaymentRequestRecord, 'id' | 'seq' | 'transactions' | 'createdAt'> & {
      readonly transactions: readonly PaymentLineInput[]
    },
    rng: Rng = this.rng,
  ): PaymentRequestRecord {
    const request: PaymentRequestRecord = {
      id: rng.hex(32),
      seq: this.nextSeq(),
      ...fields,
      transactions: fields.transactions.map((line) => ({ ...line, id: rng.hex(32) })),
      createdAt: this.clock.now(),
    }
    this.requests.add(request)
    this.onChange({ kind: 'payment-request-created', request })
    return request
  }
}
