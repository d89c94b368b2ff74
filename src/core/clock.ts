/**
 * Waits `ms` on a timer, cut short by `signal`: resolves `true` when the time has passed, `false` when
 * the signal aborted first (or already had). The engine's default `Context.sleep` and the rate
 * limiter's default wait.
 */
export const sleep = (ms: number, signal?: AbortSignal): Promise<boolean> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve(false)
    const onAbort = () => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
