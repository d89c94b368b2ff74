import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

/** Debian's Chromium (`apt-get install chromium`): nothing is downloaded at run time. */
export const CHROMIUM = '/usr/bin/chromium'

/**
 * Whether Chromium is installed. `npm ci && npm test` must pass on a machine without it, so the browser
 * tests are skipped then, saying why; CI installs it and sets BRIDGEAPI_REQUIRE_BROWSER=1 (.ci/run),
 * which turns its absence into a failure.
 */
export const hasChromium = existsSync(CHROMIUM)
export const browserRequired = process.env.BRIDGEAPI_REQUIRE_BROWSER === '1'

/** Prints why a browser test file is skipped (once per file, like the Redis tests). */
export const warnIfNoBrowser = (file: string): void => {
  if (!hasChromium && !browserRequired)
    console.warn(
      `${file}: SKIPPED, no ${CHROMIUM} (apt-get install -y chromium to run them; ` +
        'BRIDGEAPI_REQUIRE_BROWSER=1 makes this a failure)',
    )
}

/** A headless Chromium with a fresh profile; `close` removes the profile. */
export const launchBrowser = async (): Promise<{ context: BrowserContext; close(): Promise<void> }> => {
  const profile = await mkdtemp(join(tmpdir(), 'bridgeapi-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return {
    context,
    close: async () => {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}

/** A stand-in for the app's callback page on 127.0.0.1: it records each URL it is sent to. */
export const startCallbackServer = async (): Promise<{
  url: string
  hits: URL[]
  close(): Promise<void>
}> => {
  const hits: URL[] = []
  const server: Server = createServer((request, response) => {
    hits.push(new URL(request.url ?? '/', 'http://127.0.0.1'))
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end('<!doctype html><title>Back in the app</title><p>Back in the app</p>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
