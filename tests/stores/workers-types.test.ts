import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { expect, it } from 'vitest'

/**
 * `KvNamespaceLike` is structural so that `bridgeapi/stores` needs no Cloudflare package. Check, with
 * Cloudflare's own declarations (a dev dependency, types only), that a real `KVNamespace` binding fits,
 * and that something else does not.
 */
const check = (code: string): string[] => {
  const dir = mkdtempSync(join(tmpdir(), 'bridgeapi-kvtypes-'))
  try {
    const file = join(dir, 'worker.ts')
    writeFileSync(
      file,
      `import type { DurableObjectNamespaceLike, DurableObjectStateLike, KvNamespaceLike } from '${resolve('src/stores/index.ts')}'\n${code}\n`,
    )
    // Workers' globals replace the DOM's, as in a Worker project's tsconfig.
    const program = ts.createProgram([file], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      types: ['@cloudflare/workers-types'],
      typeRoots: [resolve('node_modules')],
      allowImportingTsExtensions: true,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    })
    // Only what the Worker's own file says: the SDK's sources are type-checked against the DOM lib elsewhere.
    return ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName === file)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

it('a Cloudflare KVNamespace binding is a KvNamespaceLike; an R2 bucket is not', () => {
  expect(check('export const ok = (env: { TOKENS: KVNamespace }): KvNamespaceLike => env.TOKENS')).toEqual([])
  expect(check('export const no = (env: { FILES: R2Bucket }): KvNamespaceLike => env.FILES')).toEqual([
    expect.stringContaining("is not assignable to type 'KvNamespaceLike'"),
  ])
})

it('a Durable Object namespace binding and state fit the coordinator’s types; a KV namespace does not', () => {
  expect(
    check(`export const ns = (env: { C: DurableObjectNamespace }): DurableObjectNamespaceLike => env.C
export const state = (s: DurableObjectState): DurableObjectStateLike => s`),
  ).toEqual([])
  expect(check('export const no = (env: { C: KVNamespace }): DurableObjectNamespaceLike => env.C')).toEqual([
    expect.stringContaining("required in type 'DurableObjectNamespaceLike'"),
  ])
})
