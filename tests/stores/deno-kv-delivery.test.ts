import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runInDeno } from '../support/deno.js'
import { type DeliveryScenarioName, deliveryExpected } from './delivery-contract.js'

describe('denoKvDeliveryStore (Deno KV, inside Deno)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bridgeapi-denokv-delivery-'))
  let reports: Record<string, unknown>
  beforeAll(async () => {
    reports = JSON.parse(await runInDeno('tests/stores/deno/run-delivery-contract.ts', dir))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  for (const name of Object.keys(deliveryExpected) as DeliveryScenarioName[]) {
    it(name, () => {
      expect(reports[name]).toEqual(deliveryExpected[name])
    })
  }
})
