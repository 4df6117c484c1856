/**
 * How far V8 lets a heap grow past its live data before the next full collection. V8's own
 * factor goes up to 4x on a machine with memory to spare: a worker's main thread, whose live
 * data is some 25 MB but which passes every page through as garbage (bodies, gzipped copies,
 * records), then sits on 100 MB of heap and up to 50 MB of dead buffers. A fixed, smaller factor
 * keeps the process near its live size for a few percent more time in the collector.
 */
import { setFlagsFromString } from 'node:v8';

/**
 * Sets the factor for every heap of this process (V8 reads it at each full collection, in
 * every thread). 0 leaves V8's own factor.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
}
