import { execFile } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { transform } from 'esbuild'
import ts from 'typescript'

/** The README, as the tests read it. */
export const readme = readFileSync('README.md', 'utf8')

/** The guides in docs/ (every Markdown file there, by path), as the tests read them. */
export const guides: ReadonlyMap<string, string> = new Map(
  readdirSync('docs')
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => [join('docs', file), readFileSync(join('docs', file), 'utf8')]),
)

/** The README, then every guide: all the Markdown a reader may paste from. */
export const allDocs: readonly (readonly [file: string, text: string])[] = [['README.md', readme], ...guides]

/**
 * The text between `<!-- section:NAME -->` and `<!-- /section:NAME -->`, in the README or in the guide
 * it moved to (sections keep their names when they move).
 */
export const readmeSection = (name: string): string => {
  const pattern = new RegExp(`<!-- section:${name} -->([\\s\\S]*?)<!-- /section:${name} -->`)
  for (const [, text] of allDocs) {
    const found = pattern.exec(text)?.[1]
    if (found !== undefined) return found
  }
  return ''
}

/** Every ```ts snippet of a Markdown text. */
export const tsSnippets = (markdown: string): string[] =>
  [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!)

/**
 * Type-checks snippets against the sources (`bridgeapi` resolves to src/ in tsconfig), each as its
 * own module, as a reader would paste it.
 * @returns one line per type error (empty when all compile).
 */
export const typeCheckSnippets = (snippets: readonly string[], name: string): string[] => {
  const dir = join('.tmp', `snippets-${name}`)
  mkdirSync(dir, { recursive: true })
  try {
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
    return ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => files.some((file) => diagnostic.file?.fileName.endsWith(file)))
      .map((diagnostic) => {
        const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
        return `${diagnostic.file!.fileName}:${line + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`
      })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Sections whose snippets are not run by tests/dist/readme-snippets.test.ts: the tests of their own area
 * run what they show (they build on each other there). Every snippet is type-checked all the same.
 */
const OWN_AREA_SECTIONS = ['sandbox', 'reliability', 'webhooks', 'rate-limits', 'runtimes', 'performance']

/** The guides that hold what was the README (their snippets run like the README's). */
const RUN_GUIDES = [
  'lists-and-errors',
  'sync',
  'token-stores',
  'api-versions',
  'endpoints',
  'python-client',
  'security',
  'faq',
].map((name) => join('docs', `${name}.md`))

/** The README and those guides, without the sections whose snippets the tests of their own area run. */
export const readmeOwnText = OWN_AREA_SECTIONS.reduce(
  (text, name) => text.replace(new RegExp(`<!-- section:${name} -->[\\s\\S]*?<!-- /section:${name} -->`), ''),
  [readme, ...RUN_GUIDES.map((file) => guides.get(file) ?? '')].join('\n'),
)

/** A ```ts snippet, and why it is not run when the README says so. */
export interface Snippet {
  readonly code: string
  /** The reason given by `<!-- not-run: REASON -->` on the line before the fence. */
  readonly notRun?: string
}

/** Every ```ts snippet of a Markdown text, with its `<!-- not-run: … -->` mark if any. */
export const snippets = (markdown: string): Snippet[] =>
  [...markdown.matchAll(/(?:<!-- not-run: ([^\n]*?) -->\n)?```ts\n([\s\S]*?)```/g)].map((match) =>
    match[1] === undefined ? { code: match[2]! } : { code: match[2]!, notRun: match[1] },
  )

/*
 * Loaded before a snippet: sends what the SDK addresses to Bridge's origin to the local sandbox instead,
 * so a snippet runs exactly as written (no `baseUrl` of its own) over real HTTP.
 */
const TO_SANDBOX = `
const bridge = 'https://api.bridgeapi.io'
const sandbox = process.env.SNIPPET_SANDBOX_URL
const realFetch = globalThis.fetch
globalThis.fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input)
  if (!url.startsWith(bridge + '/')) return realFetch(input, init)
  const to = sandbox + url.slice(bridge.length)
  return realFetch(input instanceof Request ? new Request(to, input) : to, init)
}
`

/** What a snippet run printed, and how it ended. */
export interface SnippetRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Compiles a snippet with esbuild and runs it with Node as an ES module, in a folder where `bridgeapi`
 * is this repository (its `exports`, so the built dist/) and requests to Bridge go to `sandboxUrl`.
 * Asynchronous on purpose: the sandbox answering it may live in the calling process.
 */
export const runSnippet = async (
  code: string,
  { sandboxUrl, env }: { sandboxUrl: string; env: Record<string, string> },
): Promise<SnippetRun> => {
  const dir = mkdtempSync(join(tmpdir(), 'bridgeapi-snippet-'))
  try {
    mkdirSync(join(dir, 'node_modules'))
    symlinkSync(resolve('.'), join(dir, 'node_modules', 'bridgeapi'), 'dir')
    symlinkSync(resolve('node_modules/fp-ts'), join(dir, 'node_modules', 'fp-ts'), 'dir')
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n')
    writeFileSync(join(dir, 'to-sandbox.mjs'), TO_SANDBOX)
    const { code: js } = await transform(code, { loader: 'ts', format: 'esm', target: 'node20' })
    writeFileSync(join(dir, 'snippet.mjs'), js)
    return await new Promise((done) => {
      execFile(
        process.execPath,
        ['--import', './to-sandbox.mjs', 'snippet.mjs'],
        { cwd: dir, timeout: 60_000, env: { ...process.env, ...env, SNIPPET_SANDBOX_URL: sandboxUrl } },
        (error, stdout, stderr) =>
          done({ code: error ? ((error.code as number) ?? null) : 0, stdout, stderr }),
      )
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
