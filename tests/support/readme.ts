import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'

/** The README, as the tests read it. */
export const readme = readFileSync('README.md', 'utf8')

/** The text of the README section between `<!-- section:NAME -->` and `<!-- /section:NAME -->`. */
export const readmeSection = (name: string): string =>
  new RegExp(`<!-- section:${name} -->([\\s\\S]*?)<!-- /section:${name} -->`).exec(readme)?.[1] ?? ''

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
