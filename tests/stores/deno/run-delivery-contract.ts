/**
 * Runs the delivery-store contract inside Deno against Deno KV (one SQLite file per scenario, in the
 * directory given as the first argument) and prints the reports as JSON. Started by deno-kv-delivery.test.ts.
 */
import { type DenoKvDeliveryLike, denoKvDeliveryStore } from '../../../src/stores/index.js'
import { type DeliveryScenarioName, deliveryScenarios } from '../delivery-contract.js'

interface DenoKv extends DenoKvDeliveryLike {
  close(): void
}
declare const Deno: { args: string[]; openKv(path: string): Promise<DenoKv> }

const [dir] = Deno.args
const reports: Record<string, unknown> = {}
for (const name of Object.keys(deliveryScenarios) as DeliveryScenarioName[]) {
  // One handle: several handles on one local SQLite file fail with "database is locked" under
  // concurrent writes. Concurrent claims still interleave between their read and their atomic commit.
  const kv = await Deno.openKv(`${dir}/${name}.sqlite`)
  const store = async (prefix?: string) => denoKvDeliveryStore(kv, prefix ? { prefix: [prefix] } : {})
  reports[name] = await deliveryScenarios[name]({ store })
  kv.close()
}
console.log(JSON.stringify(reports))
