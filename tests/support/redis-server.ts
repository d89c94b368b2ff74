import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { delimiter, join } from 'node:path'

/** A free loopback port. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()))
    })
  })

/**
 * Whether `redis-server` is on PATH. `npm ci && npm test` must pass on a machine without Redis, so the
 * tests that need it are skipped then, saying why; CI installs it and sets BRIDGEAPI_REQUIRE_REDIS=1
 * (.ci/run), which turns its absence into a failure.
 */
export const hasRedisServer = (process.env.PATH ?? '')
  .split(delimiter)
  .some((dir) => dir !== '' && existsSync(join(dir, 'redis-server')))
export const redisRequired = process.env.BRIDGEAPI_REQUIRE_REDIS === '1'

/** A throwaway `redis-server` (Debian's) on a free loopback port, without persistence. */
export const startRedis = async () => {
  const port = await freePort()
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)))
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve()
    })
  })
  return { port, stop: () => child.kill() }
}
