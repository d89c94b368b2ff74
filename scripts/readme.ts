/*
 * The parts of README.md that are derived, not written: the table of contents (every ## and ### heading).
 * `npm run docs:readme` rewrites them in place; tests/docs/readme.test.ts fails when they are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

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

/** Replaces what lies between `<!-- NAME -->` and `<!-- /NAME -->` (both kept). */
export const replaceBetween = (markdown: string, name: string, content: string): string => {
  const start = `<!-- ${name} -->\n`
  const end = `<!-- /${name} -->`
  const from = markdown.indexOf(start)
  const to = markdown.indexOf(end, from)
  if (from < 0 || to < 0) throw new Error(`README.md has no ${start.trim()} … ${end} markers`)
  return `${markdown.slice(0, from + start.length)}${content}\n${markdown.slice(to)}`
}

/** The README with its derived parts brought up to date. */
export const renderReadme = (markdown: string): string =>
  replaceBetween(markdown, 'toc', tableOfContents(markdown))

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const before = readFileSync('README.md', 'utf8')
  const after = renderReadme(before)
  writeFileSync('README.md', after)
  console.log(before === after ? 'README.md: up to date' : 'README.md: derived parts rewritten')
}
