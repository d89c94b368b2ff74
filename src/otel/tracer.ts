/**
 * The parts of OpenTelemetry's `Tracer` and `Span` (`@opentelemetry/api`) the tracing uses, written
 * out so the SDK has no dependency on it: the app's own tracer fits.
 */

/** A span attribute value, as OpenTelemetry accepts it. */
export type SpanAttributeValue = string | number | boolean

/** The part of an OpenTelemetry `Span` the tracing uses. */
export interface SpanLike {
  setAttribute(key: string, value: SpanAttributeValue): unknown
  /** `code` 2 is OpenTelemetry's `SpanStatusCode.ERROR`. */
  setStatus(status: { code: number; message?: string }): unknown
  end(endTime?: Date): void
}

/** The part of an OpenTelemetry `Tracer` the tracing uses (`trace.getTracer('my-app')` fits). */
export interface TracerLike {
  startSpan(
    name: string,
    options?: { kind?: number; startTime?: Date; attributes?: Record<string, SpanAttributeValue> },
  ): SpanLike
}

/** OpenTelemetry's `SpanKind.CLIENT`: a call to a remote service. */
export const SPAN_KIND_CLIENT = 2

/** OpenTelemetry's `SpanStatusCode.ERROR`. */
export const SPAN_STATUS_ERROR = 2
