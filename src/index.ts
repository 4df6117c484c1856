/** Public library API of newsint. */
export { extractArticle, countWords, recordId, type ExtractArticleOptions } from './extract-article.js';
export * from './record/schema.js';
export { canonicalizeUrl } from './url/canonical.js';
export { enqueueUrls, scheduleSource, consumeResults, removeSchedule, listSchedules, queueCounts, type ApiOptions, type EnqueueSummary, type RecordHandler, type ResultsConsumer, type ScheduleInfo, type ScheduleSpec, type QueueCounts } from './api.js';
export { loadConfig, ConfigSchema, CONFIG_FIELDS, type Config } from './config.js';
