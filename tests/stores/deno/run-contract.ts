/**
 * Runs the token-store contract inside Deno against Deno KV (SQLite files in the directory given as
 * the first argument) and prints the reports as JSON. Bundled and started by deno-kv.test.ts.
 */
import { type DenoKvLike, denoKvTokenStore } from '../../../src/stores/index.js'
import { type Backend, type ScenarioName, scenarios } from '../contract.js'

interface DenoKv extends DenoKvLike {
  close(): void
}
declare const Deno: {
  args: string[]
  openKv(path: string): Promise<DenoKv>
}
interface SqliteDatabase {
  prepare(sql: string): { get(...params: unknown[]): Record<string, unknown> | undefined }
}

// A variable specifier keeps the type checker (Node types) and the bundler away from Deno's module.
const sqliteModule = 'node:sqlite'
const { DatabaseSync } = (await import(sqliteModule)) as {
  DatabaseSync: new (path: string, options: { readOnly: boolean }) => SqliteDatabase
}

/** Deno KV's key encoding for one ASCII string part: 0x02, the bytes, 0x00. */
const encodeKey = (key: string) => new Uint8Array([2, ...new TextEncoder().encode(key), 0])

const [dir] = Deno.args
const reports: Record<string, unknown> = {}
for (const name of Object.keys(scenarios) as ScenarioName[]) {
  const path = `${dir}/${name}.sqlite`
  const handles: DenoKv[] = []
  const open = async () => {
    const kv = await Deno.openKv(path)
    handles.push(kv)
    return kv
  }
  const backend: Backend = {
    // Every instance opens its own handle on the same database, like separate isolates.
    store: async (prefix) => denoKvTokenStore(await open(), prefix ? { prefix: [prefix] } : {}),
    // Deno KV deletes expired keys lazily, so read the expiry it recorded for the key.
    ttl: async (key) => {
      const row = new DatabaseSync(path, { readOnly: true })
        .prepare('select expiration_ms from kv where k = ?')
        .get(encodeKey(key))
      return Math.round((Number(row?.expiration_ms) - Date.now()) / 1000)
    },
    broken: async () => {
      const kv = await Deno.openKv(`${dir}/closed.sqlite`)
      kv.close()
      return denoKvTokenStore(kv)
    },
  }
  reports[name] = await scenarios[name](backend)
  for (const kv of handles) kv.close()
}
console.log(JSON.stringify(reports))
