/**
 * A test clock for contexts (`now` and `sleep` options): a retry's wait takes no real time. `sleep`
 * adds the delay to the clock's virtual time after one real turn of the event loop, runs the
 * callbacks registered with `at` that the wait passes (e.g. the caller's abort), and resolves
 * `false` when the signal has aborted, as the real timer does.
 */
export const testClock = () => {
  const started = performance.now()
  let slept = 0
  let pending: { at: number; run: () => void }[] = []
  const sleeps: number[] = []
  /** Real ms since the clock was made, plus every wait skipped. */
  const elapsed = () => performance.now() - started + slept
  return {
    /** Every delay the engine asked to wait, in order. */
    sleeps,
    elapsed,
    now: () => Date.now() + slept,
    /** Runs `run` once a wait passes `ms` from now (an abort "while waiting", with no real wait). */
    at: (ms: number, run: () => void): void => {
      pending.push({ at: elapsed() + ms, run })
    },
    sleep: async (ms: number, signal?: AbortSignal): Promise<boolean> => {
      sleeps.push(ms)
      await new Promise((resolve) => setTimeout(resolve, 0))
      const until = elapsed() + ms
      const due = pending.filter((timer) => timer.at <= until)
      pending = pending.filter((timer) => timer.at > until)
      for (const timer of due) timer.run()
      if (signal?.aborted) return false
      slept += ms
      return true
    },
  }
}
