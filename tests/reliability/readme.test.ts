/**
 * The README's `reliability` section (tests/docs skips it: its owner checks it): every TypeScript
 * snippet type-checks against the sources as a reader would paste it, and the defaults it states
 * are the ones the code uses.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { createContext, DEFAULT_RETRY } from '../../src/index.js'

const readme = readFileSync('README.md', 'utf8')
const section = /<!-- section:reliability -->([\s\S]*?)<!-- \/section:reliability -->/.exec(readme)?.[1] ?? ''

describe('README reliability section', () => {
  const dir = join('.tmp', 'readme-reliability')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('every TypeScript snippet type-checks as its own module', () => {
    const snippets = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!)
    expect(snippets.length).toBeGreaterThanOrEqual(4)
    mkdirSync(dir, { recursive: true })
    const files = snippets.map((code, i) => {
      const file = join(dir, `snippet-${i + 1}.ts`)
      writeFileSync(file, `${code}\nexport {}\n`)
      return file
    })
    const config = ts.getParsedCommandLineOfConfigFile(
      'tsconfig.json',
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
        },
      },
    )!
    const program = ts.createProgram(files, { ...config.options, noEmit: true })
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => files.some((file) => diagnostic.file?.fileName.endsWith(file)))
      .map((diagnostic) => {
        const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
        return `${diagnostic.file!.fileName}:${line + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`
      })
    expect(errors).toEqual([])
    // Type-checking the sources the snippets import takes a while on a busy 2-core machine.
  }, 120_000)

  it('states the defaults the code uses', () => {
    const stated =
      /Defaults: `\{ retries: (\d+), baseDelayMs: ([\d_]+), maxDelayMs: ([\d_]+), maxRetryAfterMs: ([\d_]+) \}`/.exec(
        section.replace(/\n\s*/g, ' '),
      )
    const numbers = stated?.slice(1).map((text) => Number(text.replace(/_/g, '')))
    expect(numbers).toEqual([
      DEFAULT_RETRY.retries,
      DEFAULT_RETRY.baseDelayMs,
      DEFAULT_RETRY.maxDelayMs,
      DEFAULT_RETRY.maxRetryAfterMs,
    ])
    const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
    expect(section).toContain('`timeoutMs` (default 30 s)')
    expect(ctx.timeoutMs).toBe(30_000)
    expect(section).toContain('`renewBeforeMs` (default 60 s)')
    expect(ctx.renewBeforeMs).toBe(60_000)
  })
})
