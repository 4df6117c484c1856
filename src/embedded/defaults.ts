/** Defaults of the embedded runner, apart from it: the CLI reads them without loading extraction. */

/** Inputs in flight at once by default: enough to hide network latency, small enough to be polite. */
export const DEFAULT_CONCURRENCY = 8;
