import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  collect,
  createApplication,
  createGuidanceConsent,
  createGuidanceSession,
  getGuidanceHealth,
  getProvider,
  listProviders,
  Redacted,
  revokeGuidanceConsent,
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
  it('listProviders sends each filter as one comma-separated value; getProvider reads one', async () => {
    const { fetch, requests } = answering(200, exampleBody('providers.json', 'list_providers'))
    const providers = rightOf(
      await collect(
        listProviders(clientContext(fetch), {
          countryCode: ['FR', 'DE'],
          capabilities: ['aggregation', 'single_payment'],
          segment: 'b2c',
          providerEnvironments: ['prod', 'sandbox'],
        }),
      )(),
    )
    expectRequest(requests[0], {
      method: 'GET',
      path: '/v3/providers',
      search:
        '?country_code=FR%2CDE&capabilities=aggregation%2Csingle_payment&segment=b2c' +
        '&provider_environments=prod%2Csandbox',
      auth: 'client',
    })
    expect(providers.length).toBeGreaterThan(0)
    const one = answering(200, exampleBody('providers.json', 'get_provider'))
    const provider = rightOf(await getProvider(clientContext(one.fetch), { providerId: 574 })())
    expectRequest(one.requests[0], { method: 'GET', path: '/v3/providers/574', auth: 'client' })
    expect(provider.group_name).toBe('Crédit Agricole')
  })

  it('listProviders refuses an empty filter list without sending anything', async () => {
    const { fetch, requests } = answering(200, exampleBody('providers.json', 'list_providers'))
    expectInputError(
      await collect(listProviders(clientContext(fetch), { countryCode: [] }))(),
      requests,
      'countryCode',
    )
  })

  it('listProviders refuses the 2025 collection environment filters by name, sending nothing', async () => {
    const { fetch, requests } = answering(200, exampleBody('providers.json', 'list_providers'))
    const ctx = clientContext(fetch)
    for (const old of ['aggregationProviderEnvironments', 'paymentProviderEnvironments'])
      expectInputError(await collect(listProviders(ctx, { [old]: 'prod' } as never))(), requests, old)
  })
})

describe('guidance (client credentials, eligible partners)', () => {
  /** Valid required fields of a guidance consent or session. */
  const valid = { userUuid: USER_UUID, countryCode: 'FR', companyIdentificationNumber: '529196313' }

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

  it('createGuidanceConsent sends language when given', async () => {
    const { fetch, requests } = recordingFetch(() => empty(200))
    rightOf(await createGuidanceConsent(clientContext(fetch), { ...valid, language: 'en' })())
    expect(requests[0]?.body).toEqual({
      user_uuid: USER_UUID,
      country_code: 'FR',
      company_identification_number: '529196313',
      language: 'en',
    })
  })

  it('createGuidanceConsent leaves out country_code when not given (optional in the 2026 transcription)', async () => {
    const { fetch, requests } = recordingFetch(() => empty(200))
    rightOf(
      await createGuidanceConsent(clientContext(fetch), {
        userUuid: USER_UUID,
        companyIdentificationNumber: '529196313',
      })(),
    )
    expect(requests[0]?.body).toEqual({ user_uuid: USER_UUID, company_identification_number: '529196313' })
    const session = await createGuidanceSession(clientContext(fetch), {
      userUuid: USER_UUID,
      companyIdentificationNumber: '529196313',
    } as never)()
    expect(leftOf(session)._tag).toBe('InputValidationError')
    expect(requests).toHaveLength(1)
  })

  it('createGuidanceConsent refuses a company number that is not 9 digits, or a bad language', async () => {
    const { fetch, requests } = recordingFetch(() => empty(200))
    const ctx = clientContext(fetch)
    for (const number of ['52919631', '5291963130', 'A29196313'])
      expectInputError(
        await createGuidanceConsent(ctx, { ...valid, companyIdentificationNumber: number })(),
        requests,
        'companyIdentificationNumber',
      )
    expectInputError(await createGuidanceConsent(ctx, { ...valid, language: 'EN' })(), requests, 'language')
  })

  it('createGuidanceConsent refuses a bad phone number or country; an unknown user is a 404', async () => {
    const { fetch, requests } = recordingFetch(() => empty(404))
    const ctx = clientContext(fetch)
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

  it('createGuidanceSession posts the documented body and keeps the password redacted', async () => {
    const password = 'Ab3!Cd4@Ef5(Gh6)Ij7K'
    const answer = {
      id: 'a838cdb0-42a0-42fb-bcf7-2bd5dcdce163',
      url: 'https://guidance.bridgeapi.io/session/a838cdb0-42a0-42fb-bcf7-2bd5dcdce163',
      password,
    }
    const { fetch, requests } = answering(200, answer)
    const session = rightOf(
      await createGuidanceSession(clientContext(fetch), {
        userUuid: '9a06895a-7a97-48fd-92d5-eaebf4fdf2b1',
        countryCode: 'FR',
        companyIdentificationNumber: '529196313',
        contactEmail: 'contact@example.com',
        contactPhoneNumber: '+33612345678',
      })(),
    )
    // The request body of docs/manage-your-guidance-session, field for field.
    expectRequest(requests[0], {
      method: 'POST',
      path: '/v3/guidance/sessions',
      body: {
        user_uuid: '9a06895a-7a97-48fd-92d5-eaebf4fdf2b1',
        country_code: 'FR',
        company_identification_number: '529196313',
        contact_email: 'contact@example.com',
        contact_phone_number: '+33612345678',
      },
      auth: 'client',
    })
    expect(session.id).toBe(answer.id)
    expect(session.url).toBe(answer.url)
    expect(session.password).toBeInstanceOf(Redacted)
    expect(session.password.reveal()).toBe(password)
    expect(JSON.stringify(session)).not.toContain(password)
    expect(inspect(session, { depth: 5 })).not.toContain(password)
    expect(String(session.password)).toBe('[redacted]')
  })

  it('createGuidanceSession keeps the password out of a response validation error', async () => {
    const password = 'Ab3!Cd4@Ef5(Gh6)Ij7K'
    const { fetch } = answering(200, { url: 'https://guidance.bridgeapi.io/session/x', password })
    const error = leftOf(await createGuidanceSession(clientContext(fetch), valid)())
    expect(error).toMatchObject({ _tag: 'ResponseValidationError' })
    expect(JSON.stringify(error)).not.toContain(password)
    expect(inspect(error, { depth: 10 })).not.toContain(password)
  })

  it('revokeGuidanceConsent sends DELETE with the uuid and gives undefined on 204', async () => {
    const { fetch, requests } = recordingFetch(() => empty(204))
    expect(
      rightOf(await revokeGuidanceConsent(clientContext(fetch), { userUuid: USER_UUID })()),
    ).toBeUndefined()
    expectRequest(requests[0], {
      method: 'DELETE',
      path: `/v3/guidance/consents/${USER_UUID}`,
      auth: 'client',
    })
    expectInputError(
      await revokeGuidanceConsent(clientContext(fetch), { userUuid: '' })(),
      requests.slice(1),
      'userUuid',
    )
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

  it('refuses an empty application list, more than 50, or a bad e-mail without sending anything', async () => {
    const { fetch, requests } = answering(204, null)
    const ctx = clientContext(fetch)
    const fifty = Array.from({ length: 50 }, (_, i) => ({ name: `App ${i}` }))
    expectInputError(
      await createApplication(ctx, {
        dashboardUserEmail: 'j.doe@bridgeapi.io',
        applications: [...fifty, { name: 'One more' }],
      })(),
      requests,
      'applications',
    )
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
