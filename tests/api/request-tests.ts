/**
 * Which endpoint functions the request tests of one API version use, read from the test files' syntax
 * trees: a use is a reference to a binding imported from one of the SDK's entry modules, counted under
 * the name it is exported by (so `import { getAccount as get }` then `get(…)` counts as getAccount, a
 * function in an `it.each` table counts, and a name in a comment, a string or a property key does not).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import ts from 'typescript'

const ROOT = resolve(import.meta.dirname, '../..')

/** The source entry modules an endpoint can be imported from, relative to the repository. */
const ENTRY_MODULES = new Set(['src/index', 'src/v2/index', 'src/v3/index'])

/** `local name → exported name` of the bindings a test file imports from an entry module. */
const entryImports = (file: string, source: ts.SourceFile): Map<string, string> => {
  const bindings = new Map<string, string>()
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue
    const target = resolve(file, '..', statement.moduleSpecifier.text).replace(/\.[jt]s$/, '')
    if (!ENTRY_MODULES.has(target.slice(ROOT.length + 1))) continue
    const named = statement.importClause?.namedBindings
    if (!named || !ts.isNamedImports(named)) continue
    for (const element of named.elements)
      bindings.set(element.name.text, (element.propertyName ?? element.name).text)
  }
  return bindings
}

/** An identifier that names a property (`{ getAccount: … }`, `x.getAccount`), not a binding. */
const isPropertyName = (node: ts.Identifier): boolean =>
  (ts.isPropertyAssignment(node.parent) || ts.isPropertyAccessExpression(node.parent)) &&
  node.parent.name === node

/** The exported names of the entry-module bindings referenced anywhere in `file` outside its imports. */
const usedIn = (file: string): string[] => {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const bindings = entryImports(file, source)
  const used: string[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) return
    if (ts.isIdentifier(node) && !isPropertyName(node)) {
      const exported = bindings.get(node.text)
      if (exported) used.push(exported)
    }
    node.forEachChild(visit)
  }
  visit(source)
  return used
}

/** The request tests of an API version: every `*.test.ts` in `tests/<folder>/`. */
export const requestTestFiles = (folder: 'v2' | 'v3'): string[] =>
  readdirSync(join(ROOT, 'tests', folder))
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => join(ROOT, 'tests', folder, name))

/** `exported name → the request test files (base names) that use it`, for one API version's folder. */
export const endpointUses = (folder: 'v2' | 'v3'): Map<string, string[]> => {
  const uses = new Map<string, string[]>()
  for (const file of requestTestFiles(folder))
    for (const name of new Set(usedIn(file))) uses.set(name, [...(uses.get(name) ?? []), basename(file)])
  return uses
}
