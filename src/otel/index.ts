/**
 * `bridgeapi/otel`: OpenTelemetry tracing over the context's hooks, with the app's own tracer (the SDK
 * has no dependency on OpenTelemetry).
 * @module
 */

export { type OtelTracing, type OtelTracingOptions, otelTracing } from './otel-tracing.js'
export type { SpanAttributeValue, SpanLike, TracerLike } from './tracer.js'
