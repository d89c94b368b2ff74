/*
 * The parts of README.md that are derived, not written: the table of contents (every ## and ### heading)
 * and the 2025-01-15 endpoint table (from the declaration each endpoint function carries).
 * `npm run docs:readme` rewrites them in place; tests/docs/readme.test.ts fails when they are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type EndpointSpec, endpointsOf } from '../src/core/define/operation.js'
import * as v3 from '../src/index.js'

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
  if (from < 0 || to < 0) throw new Error(`README.md has no ${start} … ${end} markers`)
  return `${markdown.slice(0, from + start.length + 1)}${content}\n${markdown.slice(to)}`
}

/** An endpoint's path with each parameter as `{name}` (the function's parameter names). */
export const pathTemplate = (spec: EndpointSpec): string => {
  const placeholders = new Proxy({}, { get: (_, key) => `__${String(key)}__` })
  return spec.path(placeholders).replace(/__([A-Za-z0-9]+)__/g, '{$1}')
}

const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

/** The endpoint table of an entry point, grouped by path. */
export const endpointTable = (entry: Record<string, unknown>): string => {
  const rows = endpointsOf(entry)
    .map((spec) => ({ spec, path: pathTemplate(spec) }))
    .sort(
      (a, b) =>
        a.path.localeCompare(b.path) ||
        METHOD_ORDER.indexOf(a.spec.method) - METHOD_ORDER.indexOf(b.spec.method),
    )
    .map(
      ({ spec, path }) =>
        `| \`${spec.name}\`${spec.list ? ' *list*' : ''} | ${spec.method} | \`${path}\` | ${spec.auth} |`,
    )
  return ['| function | method | path | auth |', '|---|---|---|---|', ...rows].join('\n')
}

/** The README with its derived parts brought up to date. */
export const renderReadme = (markdown: string): string =>
  replaceBetween(
    replaceBetween(markdown, '<!-- toc -->', '<!-- /toc -->', tableOfContents(markdown)),
    '<!-- endpoints:v3:start -->',
    '<!-- endpoints:v3:end -->',
    endpointTable(v3),
  )

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const before = readFileSync('README.md', 'utf8')
  const after = renderReadme(before)
  writeFileSync('README.md', after)
  console.log(before === after ? 'README.md: up to date' : 'README.md: derived parts rewritten')
}
