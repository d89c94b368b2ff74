import { describe, expect, it } from 'vitest'
import {
  collect,
  createApplication,
  createGuidanceConsent,
  getGuidanceHealth,
  getProvider,
  listProviders,
} from '../../src/index.js'
import { leftOf, rightOf } from '../support/either.js'
import {
  answering,
  clientContext,
  empty,
  exampleBody,
  exampleFile,
  exampleRequestBody,
  expectInputError,
  expectRequest,
  recordingFetch,
} from './helpers.js'

const USER_UUID = '9113349b-3868-4e6f-8d68-8ea260132e1d'

describe('providers (client credentials)', () => {
  it('listProviders sends each filter as repeated keys; getProvider reads one', async () => {
    const { fetch, requests } = answering(200, exampleBody('providers.json', 'list_providers'))
    const providers = rightOf(
      await collect(
        listProviders(clientContext(fetch), { countryCode: ['FR', 'DE'], capabilities: 'aggregation' }),
      )(),
    )
    expectRequest(requests[0], {
      method: 'GET',
      path: '/v3/providers',
      search: '?country_code=FR&country_code=DE&capabilities=aggregation',
      auth: 'client',
    })
    expect(providers.length).toBeGreaterThan(0)
    const one = answering(200, exampleBody('providers.json', 'get_provider'))
    const provider = rightOf(await getProvider(clientContext(one.fetch), { providerId: 574 })())
    expectRequest(one.requests[0], { method: 'GET', path: '/v3/providers/574', auth: 'client' })
    expect(provider.group_name).toBe('Crédit Agricole')
  })
})

describe('guidance (client credentials, eligible partners)', () => {
  it('createGuidanceConsent sends the documented body and gives undefined on an empty 200', async () => {
    const { fetch, requests } = recordingFetch(() => empty(200))
    const result = await createGuidanceConsent(clientContext(fetch), {
      userUuid: USER_UUID,
      countryCode: 'FR',
      companyIdentificationNumber: '529196313',
      contactEmail: 'contact@example.com',
      contactPhoneNumber: '+33612345678',
    })()
    expect(rightOf(result)).toBeUndefined()
    expectRequest(requests[0], {
      method: 'POST',
      path: '/v3/guidance/consents',
      body: exampleRequestBody('guidance.json', 'create_guidance_consent'),
      auth: 'client',
    })
  })

  it('createGuidanceConsent refuses a bad phone number or country; an unknown user is a 404', async () => {
    const { fetch, requests } = recordingFetch(() => empty(404))
    const ctx = clientContext(fetch)
    const valid = { userUuid: USER_UUID, countryCode: 'FR', companyIdentificationNumber: '529196313' }
    expectInputError(
      await createGuidanceConsent(ctx, { ...valid, contactPhoneNumber: '0612345678' })(),
      requests,
      'contactPhoneNumber',
    )
    expectInputError(
      await createGuidanceConsent(ctx, { ...valid, countryCode: 'fr' })(),
      requests,
      'countryCode',
    )
    expect(leftOf(await createGuidanceConsent(ctx, valid)())).toMatchObject({ _tag: 'ApiError', status: 404 })
  })

  it('getGuidanceHealth sends Accept-Language and reads the domains', async () => {
    const { fetch, requests } = answering(200, exampleBody('guidance.json', 'get_guidance_health'))
    const health = rightOf(
      await getGuidanceHealth(clientContext(fetch), { userUuid: USER_UUID }, { language: 'en' })(),
    )
    expectRequest(requests[0], {
      method: 'GET',
      path: `/v3/guidance/health/${USER_UUID}`,
      auth: 'client',
      language: 'en',
    })
    expect(health.domains).toEqual({ displayed: ['SAVINGS', 'STF'], recommended: ['STF'] })
  })

  it('getGuidanceHealth refuses an empty uuid without sending anything', async () => {
    const { fetch, requests } = answering(200, {})
    expectInputError(await getGuidanceHealth(clientContext(fetch), { userUuid: '' })(), requests, 'userUuid')
  })
})

describe('applications (client credentials, eligible partners)', () => {
  it('createApplication sends the documented body and gives undefined on 204', async () => {
    const { fetch, requests } = recordingFetch(() => empty(204))
    const result = await createApplication(clientContext(fetch), {
      dashboardUserEmail: 'j.doe@bridgeapi.io',
      applications: [{ name: 'Application 1' }, { name: 'Application 2' }],
    })()
    expect(rightOf(result)).toBeUndefined()
    expectRequest(requests[0], {
      method: 'POST',
      path: '/v3/applications',
      body: exampleRequestBody('applications.json', 'create_applications'),
      auth: 'client',
    })
  })

  it('maps the documented 400 and 403 to ApiErrors with their codes', async () => {
    const file = exampleFile('applications.json')
    const { fetch } = recordingFetch((_, index) => {
      const key = index === 0 ? 'create_applications_error_400' : 'create_applications_error_403'
      return new Response(JSON.stringify(file[key].response_body), { status: file[key].response_status })
    })
    const ctx = clientContext(fetch)
    const params = { dashboardUserEmail: 'j.doe@bridgeapi.io', applications: [{ name: 'A' }] }
    expect(leftOf(await createApplication(ctx, params)())).toMatchObject({
      status: 400,
      code: 'organization.cannot_update_remaining_app_counter_exception',
    })
    expect(leftOf(await createApplication(ctx, params)())).toMatchObject({
      status: 403,
      code: 'application.ip_whitelist_insecure',
    })
  })

  it('refuses an empty application list or a bad e-mail without sending anything', async () => {
    const { fetch, requests } = answering(204, null)
    const ctx = clientContext(fetch)
    expectInputError(
      await createApplication(ctx, { dashboardUserEmail: 'j.doe@bridgeapi.io', applications: [] })(),
      requests,
      'applications',
    )
    expectInputError(
      await createApplication(ctx, { dashboardUserEmail: 'nope', applications: [{ name: 'A' }] })(),
      requests,
      'dashboardUserEmail',
    )
  })
})
