import { describe, expect, it } from 'vitest'
import { createSandbox } from '../../src/sandbox/index.js'

describe('recorded requests (redacted with the SDK’s own redactDeep)', () => {
  it('hides credential fields at any depth and the client secret in any text', async () => {
    const sandbox = createSandbox()
    const post = (path: string, body: string) =>
      sandbox.fetch(`http://localhost${path}`, {
        method: 'POST',
        // Bodies are kept only for requests with the client credentials.
        headers: {
          'content-type': 'application/json',
          'client-id': sandbox.clientId,
          'client-secret': sandbox.clientSecret,
        },
        body,
      })
    await post('/v2/authenticate', JSON.stringify({ email: 'a@b.co', password: 'hunter22' }))
    await post(
      '/v2/users/x/password',
      JSON.stringify({ nested: [{ current_password: 'p', new_password: 'q' }] }),
    )
    await post('/v2/users', `not json ${sandbox.clientSecret}`)
    expect(sandbox.requests.map((r) => r.body)).toEqual([
      { email: 'a@b.co', password: '[redacted]' },
      { nested: [{ current_password: '[redacted]', new_password: '[redacted]' }] },
      'not json [redacted]',
    ])
  })
})
