import { describe, expect, it } from 'vitest'
import { type ExportDoc, publicEntries, readExports } from './tsdoc.js'

/**
 * The API reference is generated from TSDoc, so every export of every public entry must carry it:
 * a description for everything; for functions also `@param` for each required parameter, `@returns`,
 * and an `@example` that imports the function from a public entry.
 */
const docs = readExports()
const where = (doc: ExportDoc) => `${doc.entry} ${doc.name} (${doc.at})`
const tag = (doc: ExportDoc, name: string) => doc.tags.filter((t) => t.name === name)
const IMPORT_FROM_ENTRY = /from '(bridgeapi(?:\/[a-z0-9/-]+)?)'/

describe('TSDoc of the public API', () => {
  it('reads every public entry of package.json', () => {
    expect(Object.keys(publicEntries())).toEqual(
      expect.arrayContaining([
        'bridgeapi',
        'bridgeapi/v2',
        'bridgeapi/stores',
        'bridgeapi/stores/redis',
        'bridgeapi/otel',
      ]),
    )
    for (const entry of Object.keys(publicEntries())) {
      expect(docs.some((doc) => doc.entry === entry && doc.kind !== 'type')).toBe(true)
    }
  })

  it('every export (function, class, constant, type) has a description', () => {
    expect(docs.filter((doc) => doc.description === '').map(where)).toEqual([])
  })

  const functions = docs.filter((doc) => doc.kind === 'function')

  it('every exported function has an @example importing it from a public entry', () => {
    const entries = Object.keys(publicEntries())
    const bad = functions.filter(
      (doc) =>
        !tag(doc, 'example').some((example) => {
          const from = IMPORT_FROM_ENTRY.exec(example.text)?.[1]
          return from !== undefined && entries.includes(from) && example.text.includes(doc.name)
        }),
    )
    expect(bad.map(where)).toEqual([])
  })

  it('every exported function has @returns', () => {
    expect(functions.filter((doc) => tag(doc, 'returns').length === 0).map(where)).toEqual([])
  })

  it('every required parameter has a @param, and every @param names a parameter', () => {
    const bad = functions.flatMap((doc) => {
      const documented = tag(doc, 'param').map((t) => t.text)
      const missing = doc.requiredParameters.filter((name) => !documented.includes(name))
      const unknown = documented.filter((name) => !doc.parameters.includes(name))
      return [
        ...missing.map((name) => `${where(doc)}: no @param ${name}`),
        ...unknown.map((name) => `${where(doc)}: @param ${name} is not a parameter`),
      ]
    })
    expect(bad).toEqual([])
  })
})
