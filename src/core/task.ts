/**
 * Tasks that cannot pass for their result. A task is a function: in plain JavaScript,
 * `const ev = verifyAndParseWebhook(…); if (ev._tag === 'Left') …` would read `undefined` and let a
 * forged delivery through. Reading `_tag`, `left` or `right` on a task the SDK returns throws instead:
 * the one deliberate exception to "nothing throws", because it is a bug at the call site, never a
 * runtime condition. The accessors are not enumerable and no Proxy is involved, so `util.inspect`,
 * `JSON.stringify`, test frameworks and fp-ts (which never read them on a task) are unaffected. Tasks
 * are not made thenable: `await task` would still miss the call, and an awaited POST could run twice.
 */

const misread = (key: string): PropertyDescriptor => ({
  get(): never {
    throw new TypeError(`this is a task, not its result (read .${key}): call it first — \`await task()\``)
  },
})

const GUARDS: PropertyDescriptorMap = {
  _tag: misread('_tag'),
  left: misread('left'),
  right: misread('right'),
}

/** Marks a task the SDK returns: reading `_tag`, `left` or `right` on it throws a `TypeError` saying to call it. */
export const asTask = <T extends () => Promise<unknown>>(task: T): T => Object.defineProperties(task, GUARDS)
