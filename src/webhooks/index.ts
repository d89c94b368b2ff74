/**
 * `bridgeapi/webhooks`: webhook signature verification and typed events.
 * @module
 */
export {}
