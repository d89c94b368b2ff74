import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as {
  exports: Record<string, unknown>
}

/** The subpaths of package.json `exports` that are code (`.`, `./v2`, …), in order. */
export const subpaths = Object.keys(manifest.exports).filter((key) => key !== './package.json')

/** The same as import specifiers: `bridgeapi`, `bridgeapi/v2`, … */
export const specifiers = subpaths.map((key) => `bridgeapi${key.slice(1)}`)

/** `dist/<sub>/index` for a subpath, the stem of its built files. */
export const distStem = (subpath: string): string =>
  `dist/${subpath === '.' ? '' : `${subpath.slice(2)}/`}index`
