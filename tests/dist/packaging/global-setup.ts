import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'

/** What the packaging, size and runtime tests get through `inject`. */
export interface PackedPackage {
  /** The `npm pack` tarball of the built package. */
  readonly tarball: string
  /**
   * A project folder where `node_modules/bridgeapi` is that tarball, unpacked, beside links to its
   * declared run-time dependencies only: code there imports `bridgeapi` exactly as an installed user does,
   * and a dependency missing from package.json fails to resolve.
   */
  readonly projectDir: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    packed: PackedPackage
  }
}

const root = resolve(import.meta.dirname, '../../..')

/** Packs the built package once per run (dist/ must be built: `npm test` builds first). */
export default function setup(project: TestProject): () => void {
  const work = mkdtempSync(join(tmpdir(), 'bridgeapi-packed-'))
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
    }),
  ) as [{ filename: string }]
  const tarball = join(work, packed.filename)
  const projectDir = join(work, 'project')
  const pkgDir = join(projectDir, 'node_modules', 'bridgeapi')
  mkdirSync(pkgDir, { recursive: true })
  execFileSync('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1'])
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>
  }
  for (const dep of Object.keys(manifest.dependencies ?? {})) {
    const link = join(projectDir, 'node_modules', dep)
    mkdirSync(join(link, '..'), { recursive: true })
    symlinkSync(join(root, 'node_modules', dep), link, 'dir')
  }
  project.provide('packed', { tarball, projectDir })
  return () => rmSync(work, { recursive: true, force: true })
}
