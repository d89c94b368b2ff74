/**
 * `bridgeapi-sandbox --help` and the Sandbox guide list every admin API route the sandbox serves: the
 * help is built from the admin router, and the guide's table is checked against it.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { adminApiRoutes } from '../../src/sandbox/admin.js'
import { cliUsage } from '../../src/sandbox/cli-usage.js'

const routes = adminApiRoutes()

describe('the admin API routes, as the CLI help and the Sandbox guide list them', () => {
  it('reads them from the router: the history route among them', () => {
    expect(routes).toContainEqual({ method: 'POST', path: '/_sandbox/users/{uuid}/history' })
    expect(routes.length).toBeGreaterThanOrEqual(12)
  })

  it('--help names every path with every method it answers', () => {
    const help = cliUsage()
    const missing = routes.filter(({ method, path }) => {
      const line = help.split('\n').find((text) => text.trimEnd().endsWith(` ${path}`))
      return !line?.trim().split(/\s+/)[0]?.split('|').includes(method)
    })
    expect(missing).toEqual([])
  })

  it("docs/sandbox.md's admin table names every path", () => {
    const guide = readFileSync('docs/sandbox.md', 'utf8')
    const table = guide.slice(guide.indexOf('| route | does |'))
    expect(routes.filter(({ path }) => !table.includes(`${path}\``) && !table.includes(`${path} `))).toEqual(
      [],
    )
  })
})
