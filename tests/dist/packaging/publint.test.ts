import { readFileSync } from 'node:fs'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { expect, inject, test } from 'vitest'

test('publint (strict) finds nothing in the packed package', async () => {
  const { tarball } = inject('packed')
  const { messages, pkg } = await publint({
    pack: { tarball: new Uint8Array(readFileSync(tarball)).buffer },
    strict: true,
  })
  expect(messages.map((m) => formatMessage(m, pkg))).toEqual([])
})
