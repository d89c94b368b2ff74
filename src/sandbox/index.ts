/**
 * `bridgeapi/sandbox`: a local, stateful Bridge simulator for both API versions.
 * @module
 */
export {}
