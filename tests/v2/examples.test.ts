import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  Bank,
  Category,
  ConnectUrl,
  ParentCategory,
  Transfer,
  User,
  UserAuthInfo,
} from '../../src/v2/index.js'
import { fixture } from './support.js'

/**
 * Every documented 2021-06-01 response example, parsed with its schema. Request examples are
 * checked against what the functions send, in auth.test.ts, users.test.ts and payments.test.ts.
 */
const responses: Record<string, Record<string, v.GenericSchema>> = {
  'auth.json': { authenticate_response: UserAuthInfo },
  'connect.json': { connect_item_response: ConnectUrl },
  'transfers.json': { transfer_resource: Transfer },
}
const requests: Record<string, string[]> = {
  'auth.json': [
    'authenticate_request_by_uuid',
    'authenticate_request_by_external_user_id',
    'create_user_request_external_user_id',
  ],
  'transfers.json': ['send_transfer_request'],
}

describe('documented examples', () => {
  it.each(Object.keys(responses))(
    '%s: every example is either a parsed response or a checked request',
    (file) => {
      const examples = fixture(file)
      expect(Object.keys(examples).sort()).toEqual(
        [...Object.keys(responses[file] ?? {}), ...(requests[file] ?? [])].sort(),
      )
      for (const [name, schema] of Object.entries(responses[file] ?? {})) {
        const result = v.safeParse(schema, examples[name].body)
        expect(result.issues, name).toBeUndefined()
      }
    },
  )

  it('the authenticate example user (external id, no e-mail) is a User', () => {
    const user = v.parse(User, fixture('auth.json').authenticate_response.body.user)
    expect(user.email).toBeUndefined()
    expect(user.external_user_id).toBe('A6JEJIID1919BDS')
  })

  it('every bank of the recorded lists is a Bank; the recorded category tree parses', () => {
    const { banks, older_shape_example } = fixture('banks.json')
    for (const bank of [...banks, older_shape_example.bank])
      expect(v.safeParse(Bank, bank).issues).toBeUndefined()
    const tree = fixture('categories.json').recorded_response_body
    for (const parent of tree.resources) {
      expect(v.safeParse(ParentCategory, parent).issues).toBeUndefined()
      for (const child of parent.categories) {
        expect(v.parse(Category, { ...child, parent_id: parent.id }).parent_id).toBe(parent.id)
      }
    }
  })

  it('schemas still refuse what breaks the contract, with the path of the problem', () => {
    const transfer = fixture('transfers.json').transfer_resource.body
    const result = v.safeParse(Transfer, { ...transfer, beneficiary: { name: 42 } })
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toEqual(['beneficiary.name'])
  })
})
