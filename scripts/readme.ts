/*
 * The parts of the documentation that are derived, not written: the README's table of contents, the
 * endpoint tables of both API versions (from the declaration each endpoint function carries), the
 * Errors table (from the TSDoc of each member of the `BridgeError` union) and the Context-options table
 * (from the TSDoc of `ContextOptions`), read through the TypeScript compiler from the public entry
 * points, so a moved source file changes nothing here.
 * `npm run docs:readme` rewrites them in place; tests/docs/readme.test.ts fails when they are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { type EndpointSpec, endpointsOf } from '../src/core/define/operation.js'
import * as v3 from '../src/index.js'
import * as v2 from '../src/v2/index.js'

/** A Markdown heading outside code fences. */
export interface Heading {
  readonly level: number
  readonly text: string
  /** GitHub's anchor for it. */
  readonly anchor: string
}

/** The headings of a Markdown text, skipping fenced code (a `# comment` in a shell block is no heading). */
export const headings = (markdown: string): Heading[] => {
  const seen = new Map<string, number>()
  const found: Heading[] = []
  let fenced = false
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced
    const match = fenced ? null : /^(#{1,6}) (.+)$/.exec(line)
    if (!match) continue
    // GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered.
    const slug = match[2]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(slug) ?? 0
    seen.set(slug, count + 1)
    found.push({ level: match[1]!.length, text: match[2]!, anchor: count === 0 ? slug : `${slug}-${count}` })
  }
  return found
}

/** One line per ## section, its ### subsections after a colon. */
export const tableOfContents = (markdown: string): string => {
  const lines: string[] = []
  for (const { level, text, anchor } of headings(markdown)) {
    const link = `[${text}](#${anchor})`
    if (level === 2) lines.push(`- ${link}`)
    else if (level === 3 && lines.length > 0) {
      const last = lines.length - 1
      lines[last] += lines[last]!.includes(': ') ? ` · ${link}` : `: ${link}`
    }
  }
  return lines.join('\n')
}

/** Replaces what lies between the `start` and `end` marker lines (both kept). */
export const replaceBetween = (markdown: string, start: string, end: string, content: string): string => {
  const from = markdown.indexOf(`${start}\n`)
  const to = markdown.indexOf(end, from)
  if (from < 0 || to < 0) throw new Error(`no ${start} … ${end} markers`)
  return `${markdown.slice(0, from + start.length + 1)}${content}\n${markdown.slice(to)}`
}

/** An endpoint's path with each parameter as `{name}` (the function's parameter names). */
export const pathTemplate = (spec: EndpointSpec): string => {
  const placeholders = new Proxy({}, { get: (_, key) => `__${String(key)}__` })
  return spec.path(placeholders).replace(/__([A-Za-z0-9]+)__/g, '{$1}')
}

// --- Reading TSDoc through the compiler ---------------------------------------------------------------

let program: { checker: ts.TypeChecker; entries: Map<string, ts.Symbol> } | undefined

/** The compiler's view of the public entry points (made once: it takes a few seconds). */
const compiled = () => {
  if (program) return program
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
  const files = ['src/index.ts', 'src/v2/index.ts']
  const built = ts.createProgram(files, { ...config.options, noEmit: true })
  const checker = built.getTypeChecker()
  const entries = new Map(
    files.map((file) => [file, checker.getSymbolAtLocation(built.getSourceFile(file)!)!] as const),
  )
  program = { checker, entries }
  return program
}

/** An export of an entry point, followed through re-exports to its declaration. */
const exported = (entry: string, name: string): ts.Symbol => {
  const { checker, entries } = compiled()
  const symbol = checker.getExportsOfModule(entries.get(entry)!).find((s) => s.name === name)
  if (!symbol) throw new Error(`${entry} exports no ${name}`)
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
}

/** A symbol's TSDoc as one Markdown table cell: `{@link X}` as code, one line, pipes escaped. */
const docCell = (symbol: ts.Symbol): string => {
  const { checker } = compiled()
  // A `@deprecated` tag says what to use instead: it leads the cell.
  const deprecated = symbol
    .getJsDocTags(checker)
    .filter((tag) => tag.name === 'deprecated')
    .map((tag) => `**Deprecated:** ${ts.displayPartsToString(tag.text)} `)
    .join('')
  return `${deprecated}${ts.displayPartsToString(symbol.getDocumentationComment(checker))}`
    .replace(/\{@link\s+([^}\s|]+)[^}]*\}/g, '`$1`')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim()
}

/** The endpoint table of an entry point, grouped by path; † marks those whose TSDoc says "Uncertain:". */
export const endpointTable = (entry: Record<string, unknown>, file: string): string => {
  const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
  const uncertain = (name: string) => /\bUncertain:/.test(docCell(exported(file, name)))
  const rows = endpointsOf(entry)
    .map((spec) => ({ spec, path: pathTemplate(spec) }))
    .sort(
      (a, b) =>
        a.path.localeCompare(b.path) ||
        METHOD_ORDER.indexOf(a.spec.method) - METHOD_ORDER.indexOf(b.spec.method),
    )
    .map(
      ({ spec, path }) =>
        `| \`${spec.name}\`${uncertain(spec.name) ? ' †' : ''}${spec.list ? ' *list*' : ''} | ${spec.method} | \`${path}\` | ${spec.auth} |`,
    )
  return ['| function | method | path | auth |', '|---|---|---|---|', ...rows].join('\n')
}

/** Every member of the `BridgeError` union: its `_tag`, when it happens (its TSDoc), its own fields. */
export const errorTable = (): string => {
  const { checker } = compiled()
  const union = checker.getDeclaredTypeOfSymbol(exported('src/index.ts', 'BridgeError'))
  const rows = (union.isUnion() ? union.types : [union]).map((member) => {
    const symbol = member.getSymbol()!
    const tag = checker.getTypeOfSymbol(member.getProperty('_tag')!)
    const own = member
      .getProperties()
      .filter((property) => property.declarations?.some((d) => d.parent === symbol.declarations?.[0]))
      .map((property) => property.name)
      .filter((name) => name !== '_tag' && name !== 'message')
    const fields = own.map((name) => `\`${name}\``).join(', ')
    return `| \`${(tag as ts.StringLiteralType).value}\` | ${docCell(symbol)} | ${fields} |`
  })
  return ['| `_tag` | when | its own fields (besides `message`) |', '|---|---|---|', ...rows].join('\n')
}

/** Every option of `createContext`, in declaration order, with its TSDoc. */
export const contextOptionsTable = (): string => {
  const { checker } = compiled()
  const options = checker.getDeclaredTypeOfSymbol(exported('src/index.ts', 'ContextOptions'))
  const rows = options.getProperties().map((option) => {
    const required = !(option.flags & ts.SymbolFlags.Optional)
    return `| \`${option.name}\` | ${docCell(option)}${required ? ' **Required.**' : ''} |`
  })
  return ['| option | meaning |', '|---|---|', ...rows].join('\n')
}

/** Each derived part: the file it lives in, its markers, and how to render it from the file's text. */
const DERIVED: readonly {
  readonly file: string
  readonly start: string
  readonly end: string
  readonly render: (markdown: string) => string
}[] = [
  { file: 'README.md', start: '<!-- toc -->', end: '<!-- /toc -->', render: tableOfContents },
  {
    file: 'docs/endpoints.md',
    start: '<!-- endpoints:v3:start -->',
    end: '<!-- endpoints:v3:end -->',
    render: () => endpointTable(v3, 'src/index.ts'),
  },
  {
    file: 'docs/endpoints.md',
    start: '<!-- endpoints:v2:start -->',
    end: '<!-- endpoints:v2:end -->',
    render: () => endpointTable(v2, 'src/v2/index.ts'),
  },
  {
    file: 'docs/lists-and-errors.md',
    start: '<!-- errors:start -->',
    end: '<!-- errors:end -->',
    render: errorTable,
  },
  {
    file: 'docs/lists-and-errors.md',
    start: '<!-- context-options:start -->',
    end: '<!-- context-options:end -->',
    render: contextOptionsTable,
  },
]

/** The files that hold derived parts. */
export const DERIVED_FILES = [...new Set(DERIVED.map((part) => part.file))]

/** A file's text with its derived parts brought up to date. */
export const renderDerived = (file: string, markdown: string): string =>
  DERIVED.filter((part) => part.file === file).reduce(
    (text, part) => replaceBetween(text, part.start, part.end, part.render(text)),
    markdown,
  )

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of DERIVED_FILES) {
    const before = readFileSync(file, 'utf8')
    const after = renderDerived(file, before)
    writeFileSync(file, after)
    console.log(before === after ? `${file}: up to date` : `${file}: derived parts rewritten`)
  }
}
