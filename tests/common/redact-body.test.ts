import { describe, expect, it } from 'vitest'
import { redactBody } from '../../src/common/redact-body.js'
import { createSandbox } from '../../src/sandbox/index.js'

describe('redactBody (one helper for the SDK and the sandbox)', () => {
  it('redacts passwords, secrets and access tokens at any depth, and nothing else', () => {
    expect(
      redactBody({
        email: 'a@b.co',
        new_password: 'p1',
        nested: [{ client_secret: 's', access_token: 't', token_type: 'Bearer' }],
      }),
    ).toEqual({
      email: 'a@b.co',
      new_password: '[redacted]',
      nested: [{ client_secret: '[redacted]', access_token: '[redacted]', token_type: 'Bearer' }],
    })
  })

  it('is what the sandbox records', async () => {
    const sandbox = createSandbox()
    await sandbox.fetch('http://localhost/v2/authenticate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.co', password: 'hunter22' }),
    })
    expect(sandbox.requests[0]?.body).toEqual({ email: 'a@b.co', password: '[redacted]' })
  })
})
