import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, inject, test } from 'vitest'
import { specifiers } from './entry-points.js'

const tsc = resolve(import.meta.dirname, '../../../node_modules/.bin/tsc')

/*
 * A consumer of every entry point, type-checked against the packed package. skipLibCheck keeps it fast
 * (valibot's declarations are large); an import inside our .d.ts that does not resolve (fp-ts, valibot)
 * turns our types into `any`, which the @ts-expect-error lines then report as unused.
 */
const consumer = `
import { type Account, type BridgeError, createContext, getAccount, listTransactions, type Transaction } from 'bridgeapi'
import * as v2 from 'bridgeapi/v2'
import type { TaskEither } from 'fp-ts/TaskEither'
${specifiers.map((spec, i) => `import * as entry${i} from '${spec}'`).join('\n')}

const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
export const task: TaskEither<BridgeError, Account> = getAccount(ctx, { accountId: 1 })
export async function firstAmount(): Promise<number | undefined> {
  for await (const tx of listTransactions(ctx, { limit: 2 })) {
    if (tx._tag === 'Left') return undefined
    const t: Transaction = tx.right
    return t.amount
  }
  return undefined
}
// @ts-expect-error accountId is required
getAccount(ctx, {})
export async function wrong(): Promise<number> {
  // @ts-expect-error an Either is not a number
  return await getAccount(ctx, { accountId: 1 })()
}
export const sameContext: typeof ctx = v2.createContext({ clientId: 'id', clientSecret: 'secret' })
export const entries = [${specifiers.map((_, i) => `entry${i}`).join(', ')}]
`

interface Variant {
  readonly name: string
  readonly type: 'module' | 'commonjs'
  readonly module: string
  readonly moduleResolution: string
}
const variants: Variant[] = [
  { name: 'bundler', type: 'module', module: 'esnext', moduleResolution: 'bundler' },
  { name: 'node16-esm', type: 'module', module: 'node16', moduleResolution: 'node16' },
  { name: 'node16-cjs', type: 'commonjs', module: 'node16', moduleResolution: 'node16' },
]

const compile = (variant: Variant, source: string): string => {
  const dir = join(inject('packed').projectDir, `consumer-${variant.name}`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: variant.type }))
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: variant.module,
        moduleResolution: variant.moduleResolution,
        lib: ['es2022', 'dom'],
        types: [],
        strict: true,
        skipLibCheck: true,
        noEmit: true,
      },
      files: ['consumer.ts'],
    }),
  )
  writeFileSync(join(dir, 'consumer.ts'), source)
  try {
    execFileSync(tsc, ['-p', dir], { encoding: 'utf8' })
    return ''
  } catch (error) {
    return String((error as { stdout?: string }).stdout)
  }
}

describe.each(variants)('types resolve for a $name consumer', (variant) => {
  test('every entry point type-checks, with real (not any) types', () => {
    expect(compile(variant, consumer)).toBe('')
  }, 60_000) // one tsc run: 1.5 s on an idle machine, 10 s on a loaded one
})
