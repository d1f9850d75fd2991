// Public types of crdb-cloud. The model types (pkg/models.d.ts) are generated
// from the Rust SDK's wire models and the method signatures (pkg/api.d.ts)
// from its operation table, when the package is built.
import type { Any, ClientOptions, Cluster, CmekClusterInfo, Restore } from '../pkg/models.js';
import type { CloudClientOperations } from '../pkg/api.js';

export * from '../pkg/models.js';
export type { CloudClientOperations, OperationInfo } from '../pkg/api.js';
export { OPERATIONS } from '../pkg/api.js';

/** What `init` accepts: a compiled module, the wasm's bytes, or where to fetch them. */
export type InitInput =
  | WebAssembly.Module
  | BufferSource
  | Response
  | Request
  | URL
  | string;

/**
 * Loads the wasm. Optional in browsers, Node and Deno (the first call does it); in a
 * Cloudflare Worker pass the module: `import wasm from 'crdb-cloud/wasm'; await init(wasm)`.
 */
export declare function init(source?: InitInput | Promise<InitInput>): Promise<void>;

/** Loads the wasm at once from a compiled module or the wasm's bytes. */
export declare function initSync(source: WebAssembly.Module | BufferSource): void;

/** How a waiter polls. */
export interface WaitOptions {
  /** Time between polls in milliseconds (default 5000). */
  intervalMs?: number;
  /** Give up after this many milliseconds (default 3600000). */
  timeoutMs?: number;
  /** Stop when this signal aborts; the waiter then throws a `CloudApiError` of kind `cancelled`. */
  signal?: AbortSignal;
}

/** Which failure a `CloudApiError` reports. */
export type CloudApiErrorKind =
  /** The API answered with an error status. */
  | 'api'
  /** HTTP 429 after the configured retries; see `retryAfter`. */
  | 'rate_limited'
  /** The API could not be reached. */
  | 'transport'
  /** No answer within `timeoutMs`. */
  | 'timeout'
  /** The answer did not decode. */
  | 'decode'
  /** The SDK refused to send the request (bad option, bad body, missing id). */
  | 'invalid_request'
  /** A waiter ran out of time. */
  | 'wait_timeout'
  /** A waiter saw a state the wanted one cannot follow. */
  | 'failed'
  /** A waiter's signal aborted. */
  | 'cancelled'
  | 'other';

/** Every failure of a call. */
export declare class CloudApiError extends Error {
  constructor(message: string, fields?: Partial<Pick<CloudApiError, 'kind' | 'status' | 'code' | 'details' | 'retryAfter'>> & { cause?: unknown });
  readonly name: 'CloudApiError';
  readonly kind: CloudApiErrorKind;
  /** HTTP status; 0 when no answer came. */
  readonly status: number;
  /** gRPC code from the error body (5 NOT_FOUND, 8 RESOURCE_EXHAUSTED, ...); 0 when none. */
  readonly code: number;
  /** The error body's details. */
  readonly details: Any[];
  /** Seconds the server asked to wait (HTTP 429). */
  readonly retryAfter?: number;
}

export interface CloudClient extends CloudClientOperations {}

/**
 * A CockroachDB Cloud API client: one async method per operation, named after its
 * operationId (`listClusters`, `getCmekClusterInfo`, ...), `...All` async iterators
 * over paged lists, and waiters. Requests and answers use the API's field names;
 * int64 values are decimal strings.
 */
export declare class CloudClient {
  constructor(options: ClientOptions);
  /** Polls the cluster until it is CREATED; fails at once on CREATION_FAILED or DELETED. */
  waitForCluster(clusterId: string, options?: WaitOptions): Promise<Cluster>;
  /** Polls the restore until it is SUCCESS; fails at once on FAILED. */
  waitForRestore(clusterId: string, restoreId: string, options?: WaitOptions): Promise<Restore>;
  /** Polls until no CMEK operation is in progress; fails on a *_FAILED status. */
  waitForCmek(clusterId: string, options?: WaitOptions): Promise<CmekClusterInfo>;
}
