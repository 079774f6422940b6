import type { IncomingMessage } from 'node:http';
import { shutdownAzureMonitor, useAzureMonitor, type AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';

/*
 * Telemetry to Application Insights through the Azure Monitor OpenTelemetry distro.
 *
 * What may leave the process: request and dependency timings, status codes, paths,
 * metrics. What may not: anything a person typed or a secret. Two things carry those
 * over HTTP and the distro's defaults would record the first:
 *  - query strings (the card search sends what a person typed as `?q=`), recorded by
 *    the HTTP instrumentation in `http.url`, `http.target` and `url.query`, and by the
 *    Azure SDK's in `url.full`;
 *  - headers (Authorization holds a bearer token), recorded only when listed in the
 *    instrumentation's `headersToSpanAttributes`, which lists none here.
 */

/** The distro's span processor and span types, taken from its options so they are the versions it runs. */
type SpanProcessor = NonNullable<AzureMonitorOpenTelemetryOptions['spanProcessors']>[number];
type ReadableSpan = Parameters<SpanProcessor['onEnd']>[0];

/**
 * The options of @opentelemetry/instrumentation-http used here. The distro types its
 * `instrumentationOptions.http` as the base instrumentation config but hands it to
 * `HttpInstrumentation` whole, so that instrumentation's options apply.
 */
type HttpInstrumentationOptions = NonNullable<NonNullable<AzureMonitorOpenTelemetryOptions['instrumentationOptions']>['http']> & {
  ignoreIncomingRequestHook?: (request: IncomingMessage) => boolean;
  headersToSpanAttributes?: {
    client?: { requestHeaders?: string[]; responseHeaders?: string[] };
    server?: { requestHeaders?: string[]; responseHeaders?: string[] };
  };
};

/** What telemetry is started with. */
export interface TelemetryOptions {
  /** The Application Insights connection string (`InstrumentationKey=…;IngestionEndpoint=…`). */
  connectionString: string;
  /**
   * The cloud role name the telemetry is filed under (the `service.name` resource
   * attribute). Defaults to `OTEL_SERVICE_NAME` when set, otherwise "commonplace".
   */
  serviceName?: string;
}

/** Telemetry that has been started. */
export interface TelemetryHandle {
  /**
   * Sends what is still buffered (spans, metrics) and stops telemetry. Resolves when
   * the buffers are flushed; rejects if that fails or takes longer than 5 seconds, so
   * a stopping service is never held up by an unreachable ingestion endpoint. Calling
   * it again returns the same promise.
   */
  shutdown(): Promise<void>;
}

/** The cloud role name when neither the caller nor OTEL_SERVICE_NAME gives one. */
export const DEFAULT_SERVICE_NAME = 'commonplace';

/** Requests that are not traced: the health probe is polled all day and says nothing about users. */
const UNTRACED_PATHS: ReadonlySet<string> = new Set(['/healthz']);

/** Span attributes holding a URL or request target, which can end in a query string. */
const URL_ATTRIBUTES = ['url.full', 'http.url', 'http.target'] as const;

/** Span attributes holding only a query string. */
const QUERY_ATTRIBUTES = ['url.query'] as const;

/** Header attributes that hold credentials, dropped even if someone lists them for capture. */
const SECRET_HEADER_ATTRIBUTE = /^http\.(request|response)\.header\.(authorization|proxy-authorization|cookie|set-cookie)$/;

const SHUTDOWN_TIMEOUT_MS = 5_000;

let started: TelemetryHandle | undefined;

/**
 * Starts telemetry to Application Insights. Call it once, before the modules that use
 * `http` (express, the Bot Framework, the Azure SDK) are loaded: the distro can only
 * instrument what is loaded after it starts.
 *
 * Besides calling `useAzureMonitor`, it sets two environment variables of this
 * process, because the distro reads those settings only from the environment:
 * `OTEL_SERVICE_NAME` (the cloud role name) and `APPLICATION_INSIGHTS_NO_STATSBEAT`
 * (see below).
 *
 * @throws if it was already started, or if the distro rejects the connection string.
 */
export function startTelemetry(options: TelemetryOptions): TelemetryHandle {
  if (started) throw new Error('Telemetry is already started.');

  // The service name reaches the resource through the environment, which the SDK
  // reads last, so it also wins over the site name App Service's detector gives as
  // service.name. The distro's `resource` option would instead replace the attributes
  // it detected (App Service's among them) and needs @opentelemetry/resources 2.x.
  process.env.OTEL_SERVICE_NAME = options.serviceName ?? (process.env.OTEL_SERVICE_NAME?.trim() || DEFAULT_SERVICE_NAME);

  // Statsbeat sends the SDK's own usage and network counts to Microsoft's
  // Application Insights resources (not ours), on by default. In this exporter version
  // APPLICATIONINSIGHTS_STATSBEAT_DISABLED only stops the non-essential part; this
  // variable, which the exporter still honours, stops all of it. An operator who
  // wants it back sets the variable to an empty string.
  process.env.APPLICATION_INSIGHTS_NO_STATSBEAT ??= 'true';

  const http: HttpInstrumentationOptions = {
    // Replacing the distro's `http` entry replaces its `enabled: true` too.
    enabled: true,
    ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has(pathOf(request.url)),
    // No header is recorded unless listed; listing none says so in the code.
    headersToSpanAttributes: { client: { requestHeaders: [], responseHeaders: [] }, server: { requestHeaders: [], responseHeaders: [] } },
  };

  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: options.connectionString },
    // Live Metrics (on by default in this version) streams request URLs and exception
    // texts to the portal over a second connection. It is fed by the distro's own span
    // processor, which runs before the redaction below, so it would see queries whole.
    enableLiveMetrics: false,
    instrumentationOptions: { http },
    // The distro runs these after its own processor and before the exporter's batch,
    // so what they change is what is sent. Redacting here, rather than in the HTTP
    // instrumentation's hooks, covers every instrumentation's spans (the Azure SDK's
    // too) and cannot be undone by a JSON configuration that replaces the hooks.
    spanProcessors: [new RedactingSpanProcessor()],
  });

  let stopping: Promise<void> | undefined;
  const handle: TelemetryHandle = {
    shutdown() {
      stopping ??= withTimeout(shutdownAzureMonitor(), SHUTDOWN_TIMEOUT_MS, 'Telemetry did not flush within 5 seconds.');
      return stopping;
    },
  };
  started = handle;
  return handle;
}

/**
 * Removes query strings and credential headers from a span as it ends, before it is
 * exported. A query string can hold what a person typed (`?q=`) or a signature; the
 * path before it is kept, as it names the operation.
 */
export class RedactingSpanProcessor implements SpanProcessor {
  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    // An ended span ignores setAttribute, so its attribute map is changed in place,
    // as the distro's own processor does; the exporter reads it after this.
    const attributes = span.attributes;
    for (const key of URL_ATTRIBUTES) {
      const value = attributes[key];
      if (typeof value === 'string') attributes[key] = withoutQuery(value);
    }
    for (const key of QUERY_ATTRIBUTES) delete attributes[key];
    for (const key of Object.keys(attributes)) if (SECRET_HEADER_ATTRIBUTE.test(key)) delete attributes[key];
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** A URL or request target without its query string and fragment. */
export function withoutQuery(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

function pathOf(url: string | undefined): string {
  return withoutQuery(url ?? '/');
}

function withTimeout(work: Promise<void>, ms: number, message: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    // The timer alone must not keep a process alive that has nothing else to do.
    timer.unref();
    work.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
