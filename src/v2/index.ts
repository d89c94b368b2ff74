/**
 * `bridgeapi/v2`: the Bridge API version 2021-06-01 (paths `/v2/...`), one function per endpoint.
 * @module
 */
export * from '../core/index.js'
