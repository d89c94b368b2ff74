/**
 * `bridgeapi`: the Bridge API version 2025-01-15 (paths `/v3/...`), one function per endpoint.
 * @module
 */
export * from './core/index.js'
export * from './v3/index.js'
