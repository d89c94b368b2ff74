import { execFile, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { type RunningSandbox, type SeedUserOptions, startSandbox } from '../../../src/sandbox/index.js'

const exec = promisify(execFile)
// Examples are TypeScript run through tsx, as their headers tell users to. `bridgeapi` resolves to
// the built package (the package's self-reference), so `npm run build` first.
const node = (file: string) => ['--import', 'tsx', file]

/** Runs an example to its end with the environment it documents; resolves to its stdout. */
export const runExample = async (file: string, args: readonly string[], env: Record<string, string>) => {
  const { stdout } = await exec(process.execPath, [...node(file), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return stdout.trim()
}

/** Starts an example and follows its output (stdout and stderr) line by line. */
export const startExample = (file: string, args: readonly string[], env: Record<string, string>) => {
  const child = spawn(process.execPath, [...node(file), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  let waiting: { pattern: RegExp; resolve: (line: string) => void }[] = []
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (text) => {
      lines.push(text)
      for (const waiter of waiting) if (waiter.pattern.test(text)) waiter.resolve(text)
      waiting = waiting.filter((waiter) => !waiter.pattern.test(text))
    })
  }
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  return {
    lines,
    exited,
    /** The first output line, printed or to come, that matches `pattern`. */
    line: (pattern: RegExp) =>
      new Promise<string>((resolve) => {
        const seen = lines.find((text) => pattern.test(text))
        if (seen !== undefined) resolve(seen)
        else waiting.push({ pattern, resolve })
      }),
    stop: () => child.kill(),
  }
}

/** The variables every example reads to reach Bridge, pointing at the sandbox. */
export const sandboxEnv = (server: RunningSandbox) => ({
  BRIDGE_CLIENT_ID: server.sandbox.clientId,
  BRIDGE_CLIENT_SECRET: server.sandbox.clientSecret,
  BRIDGE_BASE_URL: server.url,
})

/** Starts the sandbox at a fixed instant with one external user; gives it and the user's uuid. */
export const startWithUser = async (
  seed: number | string,
  user: SeedUserOptions & { readonly externalUserId: string },
) => {
  const server = await startSandbox({ seed, now: '2026-11-28T10:00:00.000Z', users: [user] })
  return { server, uuid: server.sandbox.findUser('externalUserId', user.externalUserId)!.uuid }
}
