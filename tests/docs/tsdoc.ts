/**
 * Reads the TSDoc of everything the public entry points export, with the TypeScript compiler API.
 * Used by tsdoc.test.ts; kept apart so the rules and the reading stay short.
 */
import { readFileSync } from 'node:fs'
import ts from 'typescript'

/** `bridgeapi/x` → `src/x/index.ts`, for every entry of package.json `exports` (except package.json). */
export const publicEntries = (): Record<string, string> => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
    name: string
    exports: Record<string, unknown>
  }
  return Object.fromEntries(
    Object.keys(pkg.exports)
      .filter((key) => key !== './package.json')
      .map((key) => [
        key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`,
        key === '.' ? 'src/index.ts' : `src/${key.slice(2)}/index.ts`,
      ]),
  )
}

export interface ExportDoc {
  readonly entry: string
  readonly name: string
  readonly kind: 'function' | 'class' | 'const' | 'type'
  /** Where it is declared, `file:line`. */
  readonly at: string
  readonly description: string
  readonly tags: readonly { readonly name: string; readonly text: string }[]
  /** Parameter names of its (first) call signature, for functions. */
  readonly parameters: readonly string[]
  /** Those without `?` or a default value. */
  readonly requiredParameters: readonly string[]
}

const isRequired = (parameter: ts.Symbol): boolean => {
  const declaration = parameter.valueDeclaration
  return (
    !!declaration && ts.isParameter(declaration) && !declaration.questionToken && !declaration.initializer
  )
}

const kindOf = (symbol: ts.Symbol, type: ts.Type | undefined): ExportDoc['kind'] => {
  if (symbol.flags & ts.SymbolFlags.Class) return 'class'
  if (!(symbol.flags & ts.SymbolFlags.Value)) return 'type'
  return type && type.getCallSignatures().length > 0 ? 'function' : 'const'
}

/** Every export of every public entry, with its TSDoc. Values and types sharing a name are read separately. */
export const readExports = (): ExportDoc[] => {
  const entries = publicEntries()
  const program = ts.createProgram(Object.values(entries), {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  })
  const checker = program.getTypeChecker()
  const docs: ExportDoc[] = []
  for (const [entry, file] of Object.entries(entries)) {
    const source = program.getSourceFile(file)
    const moduleSymbol = source && checker.getSymbolAtLocation(source)
    if (!moduleSymbol) throw new Error(`cannot read ${file}`)
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
      for (const declaration of symbol.declarations ?? []) {
        const isValue = declaration === symbol.valueDeclaration || ts.isClassDeclaration(declaration)
        const type = isValue ? checker.getTypeOfSymbolAtLocation(symbol, declaration) : undefined
        const kind = isValue ? kindOf(symbol, type) : 'type'
        const signature = kind === 'function' ? type?.getCallSignatures()[0] : undefined
        const jsDoc = ts.getJSDocCommentsAndTags(declaration).filter(ts.isJSDoc)
        const position = declaration.getSourceFile().getLineAndCharacterOfPosition(declaration.getStart())
        docs.push({
          entry,
          name: exported.name,
          kind,
          at: `${declaration.getSourceFile().fileName}:${position.line + 1}`,
          description: jsDoc
            .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
            .join('\n')
            .trim(),
          tags: jsDoc.flatMap((doc) =>
            (doc.tags ?? []).map((tag) => ({
              name: tag.tagName.text,
              text: (tag.kind === ts.SyntaxKind.JSDocParameterTag
                ? (tag as ts.JSDocParameterTag).name.getText()
                : (ts.getTextOfJSDocComment(tag.comment) ?? '')
              ).trim(),
            })),
          ),
          parameters: signature?.getParameters().map((p) => p.name) ?? [],
          requiredParameters:
            signature
              ?.getParameters()
              .filter(isRequired)
              .map((p) => p.name) ?? [],
        })
      }
    }
  }
  return docs
}
