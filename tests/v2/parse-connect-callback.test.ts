import { describe, expect, it } from 'vitest'
import { parseConnectCallback } from '../../src/v2/index.js'
import { leftOf, rightOf } from '../support/either.js'

const USER = '9a95b38f-f98b-417a-988b-9d0d584893e7'

describe('parseConnectCallback (2021-06-01)', () => {
  it('reads the documented example (docs.bridgeapi.io/v2021.06.01/docs/out-of-the-bridge-connect)', () => {
    expect(
      rightOf(
        parseConnectCallback(
          `https://app.example/back?item_id=4521&user_uuid=${USER}&success=false&step=sync_pending`,
        ),
      ),
    ).toEqual({ success: false, itemId: 4521, userUuid: USER, step: 'sync_pending' })
  })

  it('reads source, context (free text up to 1000 characters) and iban_matching', () => {
    expect(
      rightOf(
        parseConnectCallback(
          `https://app.example/back?item_id=9&user_uuid=${USER}&success=true&source=manage&context=order%20%2342&iban_matching=auto`,
        ),
      ),
    ).toEqual({
      success: true,
      itemId: 9,
      userUuid: USER,
      source: 'manage',
      context: 'order #42',
      ibanMatching: 'auto',
    })
  })

  it('accepts a redirect with only the user, as Bridge sends when the user quits or the sync fails', () => {
    expect(rightOf(parseConnectCallback(`https://app.example/back?user_uuid=${USER}`))).toEqual({
      userUuid: USER,
    })
  })

  it('refuses malformed or repeated parameters, naming each', () => {
    expect(leftOf(parseConnectCallback(`/b?user_uuid=${USER}&success=1`)).issues.map((i) => i.path)).toEqual([
      'success',
    ])
    expect(leftOf(parseConnectCallback(`/b?user_uuid=${USER}&success=true`)).issues).toEqual([
      { path: 'item_id', message: 'is required when success is true' },
    ])
    expect(
      leftOf(parseConnectCallback(`/b?user_uuid=${USER}&iban_matching=AUTO!`)).issues.map((i) => i.path),
    ).toEqual(['iban_matching'])
    expect(leftOf(parseConnectCallback(`/b?user_uuid=${USER}&user_uuid=${USER}`)).issues).toEqual([
      { path: 'user_uuid', message: 'must appear at most once' },
    ])
  })
})
