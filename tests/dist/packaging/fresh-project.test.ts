/**
 * A new user's project: only `bridgeapi` (from the packed tarball, with its dependencies as npm installs
 * them: real folders, nothing else) and TypeScript, `strict`, the default `skipLibCheck: false`, no
 * `@types/node` (nor undici). Every declaration file it loads is checked, ours and our dependencies',
 * on the oldest TypeScript we support (5.1, the aliased dev dependency `typescript-5.1`) and the newest.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, inject, test } from 'vitest'

const root = resolve(import.meta.dirname, '../../..')

/** Each compiler with a different module resolution: a tsc run without skipLibCheck takes up to a minute here. */
const compilers = [
  {
    name: 'TypeScript 5.1',
    package: 'typescript-5.1',
    version: '5.1.6',
    module: 'esnext',
    moduleResolution: 'bundler',
  },
  {
    name: 'TypeScript 5.9',
    package: 'typescript',
    version: '5.9.3',
    module: 'node16',
    moduleResolution: 'node16',
  },
] as const

/** The entries a project without Node's types uses (the sandbox and the Node stores are for Node). */
const consumer = `
import { type Account, createContext, getAccount, listTransactions, toMinorUnits, type OfetchInstance } from 'bridgeapi'
import * as v2 from 'bridgeapi/v2'
import { parseWebhookEvent } from 'bridgeapi/webhooks'
import { otelTracing, type TracerLike } from 'bridgeapi/otel'

const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
export const task = getAccount(ctx, { accountId: 1 })
export async function total(): Promise<number> {
  let cents = 0
  for await (const tx of listTransactions(ctx, { limit: 2 })) {
    if (tx._tag === 'Left') break
    const minor = toMinorUnits(tx.right.amount, tx.right.currency_code)
    if (minor._tag === 'Right') cents += minor.right
  }
  return cents
}
export const balance = (account: Account): number => account.balance
// @ts-expect-error a typo in a field does not compile (exact model types)
export const typo = (account: Account): number => account.balanse
export const event = parseWebhookEvent('{}')
export const v2ctx = v2.createContext({ clientId: 'id', clientSecret: 'secret' })
export declare const own: OfetchInstance
export const withOwnFetch = createContext({ clientId: 'id', clientSecret: 'secret', $fetch: own })
export declare const tracer: TracerLike
export const traced = createContext({ clientId: 'id', clientSecret: 'secret', hooks: otelTracing(tracer).hooks })
`

let projectDir: string

/** Copies a package and, transitively, its dependencies from our node_modules (npm's flat layout). */
const install = (name: string, into: string): void => {
  const target = join(into, 'node_modules', name)
  if (existsSync(target)) return
  const source = join(root, 'node_modules', name)
  cpSync(source, target, { recursive: true, dereference: true })
  const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>
  }
  for (const dependency of Object.keys(manifest.dependencies ?? {})) install(dependency, into)
}

beforeAll(() => {
  projectDir = join(inject('packed').projectDir, '..', 'fresh-project')
  const bridgeapi = join(projectDir, 'node_modules', 'bridgeapi')
  mkdirSync(bridgeapi, { recursive: true })
  execFileSync('tar', ['-xzf', inject('packed').tarball, '-C', bridgeapi, '--strip-components=1'])
  const manifest = JSON.parse(readFileSync(join(bridgeapi, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>
  }
  for (const dependency of Object.keys(manifest.dependencies)) install(dependency, projectDir)
  // What the test is about: nothing of Node's types is there to lean on.
  expect(existsSync(join(projectDir, 'node_modules', '@types'))).toBe(false)
  expect(existsSync(join(projectDir, 'node_modules', 'undici'))).toBe(false)
})

const compile = (compiler: (typeof compilers)[number]): string => {
  const dir = join(projectDir, compiler.package)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }))
  // No `types`, no `lib`, no `skipLibCheck`: TypeScript's defaults, plus strict.
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: compiler.module,
        moduleResolution: compiler.moduleResolution,
        strict: true,
        noEmit: true,
      },
      files: ['index.ts'],
    }),
  )
  writeFileSync(join(dir, 'index.ts'), consumer)
  const tsc = join(root, 'node_modules', compiler.package, 'bin', 'tsc')
  try {
    execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' })
    return ''
  } catch (error) {
    return String((error as { stdout?: string }).stdout)
  }
}

describe.each(compilers)('a fresh strict project compiles with $name', (compiler) => {
  test('the compiler is the version the test names', () => {
    const manifest = JSON.parse(
      readFileSync(join(root, 'node_modules', compiler.package, 'package.json'), 'utf8'),
    ) as { version: string }
    expect(manifest.version).toBe(compiler.version)
  })

  test(`moduleResolution ${compiler.moduleResolution}, skipLibCheck false, no @types/node`, () => {
    expect(compile(compiler)).toBe('')
  }, 180_000)
})
