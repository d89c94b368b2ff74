import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { afterAll, describe, expect, inject, test } from 'vitest'

/*
 * Tree-shaking and size budgets: small apps bundled from the installed package the way a Worker or a
 * browser app is (esbuild, ESM, minified, browser conditions). A ceiling is the size measured when it
 * was set plus about 3%: raise it on purpose, in review, never to make a test pass.
 */

interface Bundle {
  readonly text: string
  readonly minified: number
  readonly gzip: number
  /** The package files that ended up in the bundle. */
  readonly inputs: readonly string[]
  /** Minified bytes that each package contributes. */
  readonly packages: Readonly<Record<string, number>>
}

const bundle = async (source: string, external: string[] = []): Promise<Bundle> => {
  const result = await build({
    stdin: { contents: source, resolveDir: inject('packed').projectDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external,
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const text = result.outputFiles[0]!.text
  const [output] = Object.values(result.metafile.outputs)
  const packages: Record<string, number> = {}
  for (const [path, { bytesInOutput }] of Object.entries(output!.inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? 'app'
    packages[name] = (packages[name] ?? 0) + bytesInOutput
  }
  return {
    packages,
    text,
    minified: Buffer.byteLength(text),
    gzip: gzipSync(text, { level: 9 }).length,
    inputs: Object.entries(output!.inputs)
      .filter(([path, { bytesInOutput }]) => bytesInOutput > 0 && path.includes('node_modules/bridgeapi/'))
      .map(([path]) => path),
  }
}

/** The distinct matches of `pattern` in a bundle (readable in a failure, unlike the whole bundle). */
const found = (text: string, pattern: RegExp): string[] => [...new Set(text.match(pattern) ?? [])].sort()

const measured = new Map<string, Bundle>()
const measure = async (name: string, source: string, external?: string[]) => {
  const result = await bundle(source, external)
  measured.set(name, result)
  return result
}

afterAll(() => {
  // Quoted by the README's "Bundle size" table.
  const rows = [...measured].map(([name, b]) => {
    const parts = Object.entries(b.packages)
      .filter(([, bytes]) => bytes > 0)
      .map(([pkg, bytes]) => `${pkg} ${bytes}`)
    return `  ${name.padEnd(40)} ${String(b.minified).padStart(6)} B min ${String(b.gzip).padStart(6)} B gzip  (${parts.join(', ')})`
  })
  console.log(`Bundle sizes (esbuild, minified, ESM, browser):\n${rows.join('\n')}`)
})

const apps = {
  createContext: `import { createContext } from 'bridgeapi'
export const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })`,
  getAccount: `import { createContext, getAccount } from 'bridgeapi'
export const run = (options) => getAccount(createContext(options), { accountId: 1 })()`,
  getAccountAndProvider: `import { createContext, getAccount, getProvider } from 'bridgeapi'
export const run = (options) => getAccount(createContext(options), { accountId: 1 })()
export const provider = (options) => getProvider(createContext(options), { providerId: 1 })()`,
  getAccountTraced: `import { createContext, getAccount } from 'bridgeapi'
import { otelTracing } from 'bridgeapi/otel'
export const run = (options, tracer) =>
  getAccount(createContext({ ...options, hooks: otelTracing(tracer).hooks }), { accountId: 1 })()`,
  listTransactions: `import { createContext, listTransactions } from 'bridgeapi'
export async function run(options) {
  const out = []
  for await (const tx of listTransactions(createContext(options), { limit: 100 })) out.push(tx)
  return out
}`,
  wholeV3Entry: `export * from 'bridgeapi'`,
  listBanksV2: `import { createContext, listBanks } from 'bridgeapi/v2'
export async function run(options) {
  const out = []
  for await (const bank of listBanks(createContext(options))) out.push(bank)
  return out
}`,
}

describe('size budgets (gzip bytes)', () => {
  test.each([
    // Measured 2026-11-28: 1399, 10519, 11725, 11606. Measured 2026-12-02, with ofetch as the
    // transport, redirect refusal, redaction of every returned string and the response cap:
    // 1555, 11714, 12962, 12887 (the goal of 9,000 B for getAccount is not reached). After
    // merging main (context input validation, token binding, list cycle detection): 2193, 12745,
    // 14081, 14000. Measured 2026-12-02 after moving the credential tag to v2 and rate limiting into
    // the limiter, with the bounded memory token store: 2230, 12735, 14071, 14191.
    // Measured 2026-12-06 (issue 21) before: 2455, 14275, 15494, 15674, and the whole entry 28252;
    // after checking token-store answers by hand: 2455, 14085, 15491, 15624, 28285. After merging
    // main (strict unknown-key refusal, task accessors): 3004, 15360, 16659, 16865, 29863. Ceilings are
    // those plus about 3%. Issue 21's goals (getAccount ≤ 12,000, whole entry ≤ 26,000) are not met yet.
    ['createContext only', apps.createContext, 3_095],
    ['getAccount', apps.getAccount, 15_820],
    ['listTransactions, iterated', apps.listTransactions, 17_160],
    ['v2 listBanks, iterated', apps.listBanksV2, 17_370],
    ['the whole 2025-01-15 entry', apps.wholeV3Entry, 30_760],
  ])('%s', async (name, source, ceiling) => {
    const { gzip } = await measure(name, source)
    expect(gzip).toBeLessThanOrEqual(ceiling)
  })
})

describe('tree-shaking', () => {
  test('createContext alone brings no endpoint, no schema library and no HTTP client', async () => {
    const { text } = await bundle(apps.createContext)
    expect(found(text, /\/v[23]\/|FetchError|valibot|~run/g)).toEqual([])
  })

  test('getAccount brings no other endpoint: no provider, transaction, user or payment code', async () => {
    const { text } = await bundle(apps.getAccount)
    expect(found(text, /\/v3\/[a-z_/]+/g)).toEqual([
      '/v3/aggregation/accounts/',
      '/v3/aggregation/authorization/token',
    ])
    // Nor the sibling schemas of the accounts module, nor the parameter schemas getAccount does not use.
    expect(
      found(text, /first_name|must be a YYYY-MM-DD|must be an ISO 8601|\/v2\/|getProvider|\\bpayment_/g),
    ).toEqual([])
    // Nor what only other setups use: the e-mail users' credential tag (2021-06-01) and the rate limiter.
    // (`randomUUID` is no marker of the limiter any more: every call has a correlation id.)
    expect(found(text, /HMAC|importKey|Invalid rate limiter options|rate limiter's store/g)).toEqual([])
  })

  test('adding getProvider to getAccount adds only getProvider and the provider model', async () => {
    const [one, two] = await Promise.all([bundle(apps.getAccount), bundle(apps.getAccountAndProvider)])
    const added = two.inputs.filter((path) => !one.inputs.includes(path))
    const root = join(inject('packed').projectDir, 'node_modules', 'bridgeapi')
    // Every added file of the package is provider code (tsup chunks: check their content, not names).
    for (const path of added) {
      expect(readFileSync(join(root, path.slice(path.indexOf('dist/'))), 'utf8')).toMatch(/provider/i)
    }
    expect(added.length).toBeGreaterThan(0)
    expect(found(two.text, /\/v3\/[a-z_/]+/g)).toEqual([
      '/v3/aggregation/accounts/',
      '/v3/aggregation/authorization/token',
      '/v3/providers/',
    ])
    // Measured: 626 B.
    expect(two.gzip - one.gzip).toBeLessThanOrEqual(700)
  })

  test('bridgeapi/otel adds only its own module to getAccount (and nothing to a bundle without it)', async () => {
    const [one, two] = await Promise.all([bundle(apps.getAccount), bundle(apps.getAccountTraced)])
    const added = two.inputs.filter((path) => !one.inputs.includes(path))
    const root = join(inject('packed').projectDir, 'node_modules', 'bridgeapi')
    // tsup chunks: every added file of the package holds code of src/otel (tsup names its sources).
    for (const path of added)
      expect(readFileSync(join(root, path.slice(path.indexOf('dist/'))), 'utf8')).toMatch(/\/\/ src\/otel\//)
    expect(added.length).toBeGreaterThan(0)
    expect(found(one.text, /bridge\.operation|rate_limit\.wait_ms/g)).toEqual([])
    // Measured 2026-12-06: 757 B.
    expect(two.gzip - one.gzip).toBeLessThanOrEqual(800)
  })
})

test('the HTTP client share of the getAccount bundle (ofetch and its dependencies left out)', async () => {
  const full = await measure('getAccount', apps.getAccount)
  const withoutOfetch = await measure('getAccount without ofetch (external)', apps.getAccount, ['ofetch'])
  expect(found(full.text, /\[ofetch\]|\[destr\]/g)).toEqual(['[destr]', '[ofetch]'])
  expect(found(withoutOfetch.text, /\[ofetch\]|\[destr\]|from"ofetch"/g)).toEqual(['from"ofetch"'])
  const share = full.gzip - withoutOfetch.gzip
  const minified = ['ofetch', 'ufo', 'destr'].reduce((sum, pkg) => sum + (full.packages[pkg] ?? 0), 0)
  console.log(
    `getAccount bundle: ${full.gzip} B gzip (goal 12000); ofetch and its dependencies (ufo, destr): ${share} B gzip (${Math.round((100 * share) / full.gzip)}%), ${minified} B of ${full.minified} B minified`,
  )
  expect(share).toBeGreaterThan(3_000)
})
