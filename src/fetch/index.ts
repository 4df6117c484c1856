/** Public API of the fetch stage: the guarded, capped fetcher and the SSRF address guard. */
export { createFetcher, vetUrl } from './fetcher.js';
export {
  DEFAULT_FETCH_LIMITS,
  type AcceptMode,
  type FetchLimits,
  type FetchRequest,
  type FetchResult,
  type Fetcher,
  type FetcherOptions,
} from './types.js';
export {
  isBlockedAddress,
  classifyAddress,
  blockedReason,
  parseAllowNets,
  embeddedIpv4,
  isLocalhostName,
  type AddressClass,
  type AllowList,
} from './guard.js';
export { parseRetryAfter } from './status.js';
export { defaultUserAgent, DEFAULT_CONTACT_URL } from './user-agent.js';
export { decodeHtml, detectCharset, charsetFromContentType } from './charset.js';
