// Field helpers below every other sandbox module (the store and the routes both use them).

/** `fields` without those whose value is `undefined`: an option that was not given stays absent. */
export const defined = <T extends Record<string, unknown>>(
  fields: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } =>
  Object.fromEntries(Object.entries(fields).filter((entry) => entry[1] !== undefined)) as never
