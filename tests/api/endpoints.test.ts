import { describe, expect, it } from 'vitest'
import { type EndpointSpec, endpointsOf } from '../../src/core/define/operation.js'
import * as v3 from '../../src/index.js'
import type { ApiModule } from '../../src/sandbox/http.js'
import { compilePattern } from '../../src/sandbox/router.js'
import { v2Api } from '../../src/sandbox/v2/index.js'
import { v3Api } from '../../src/sandbox/v3/index.js'
import * as v2 from '../../src/v2/index.js'
import { endpointUses } from './request-tests.js'

/*
 * What every endpoint needs besides its declaration and its export line, derived from the declarations
 * the exported endpoint functions carry (`endpointsOf`), so that adding an endpoint needs no row here:
 * a request test in tests/<version>/ and a sandbox route.
 */

const VERSIONS = [
  { folder: 'v3', entry: 'bridgeapi', endpoints: endpointsOf(v3), sandbox: v3Api },
  { folder: 'v2', entry: 'bridgeapi/v2', endpoints: endpointsOf(v2), sandbox: v2Api },
] as const

/** Any parameter read by a path builder is `1`: every route pattern accepts it for an id or a name. */
const SAMPLE_PARAMS = new Proxy({}, { get: () => '1' })

const hasRoute = (sandbox: ApiModule, spec: EndpointSpec): boolean => {
  const path = spec.path(SAMPLE_PARAMS)
  return sandbox.routes.some((route) => route.method === spec.method && compilePattern(route.pattern)(path))
}

describe.each(VERSIONS)('every endpoint of $entry', ({ folder, entry, endpoints, sandbox }) => {
  it('is found by its declaration', () => {
    expect(endpoints.length).toBeGreaterThan(40)
  })

  it(`has a request test in tests/${folder}/`, () => {
    const uses = endpointUses(folder)
    const untested = endpoints.filter((spec) => !uses.has(spec.name)).map((spec) => spec.name)
    expect(
      untested,
      `${untested.join(', ')}: endpoints of ${entry} without a request test. Add one to tests/${folder}/<resource>.test.ts that ` +
        'calls the endpoint through a recording fetch and asserts the exact method, path, query and body, ' +
        'the parsed response, and that invalid input is refused with nothing sent',
    ).toEqual([])
  })

  it('has a sandbox route', () => {
    const unrouted = endpoints
      .filter((spec) => !hasRoute(sandbox, spec))
      .map((spec) => `${spec.name} (${spec.method} ${spec.path(SAMPLE_PARAMS)})`)
    expect(
      unrouted,
      `${unrouted.join(', ')}: endpoints of ${entry} without a sandbox route. Add one to src/sandbox/${folder}/<resource>.ts`,
    ).toEqual([])
  })
})
