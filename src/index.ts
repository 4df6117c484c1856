/** Public library API of newsint. */
export { extractArticle, extractText, countWords, recordId, type ExtractArticleOptions, type ExtractTextOptions } from './extract-article.js';
export { detectInputType, type InputType, type InputTypeChoice } from './input-type.js';
export * from './record/schema.js';
export { publishedRecordSchema, recordJsonSchema, RECORD_SCHEMA_ID } from './record/json-schema.js';
export { canonicalizeUrl } from './url/canonical.js';
export { enqueueUrls, scheduleSource, consumeResults, removeSchedule, listSchedules, queueCounts, listFailedResults, retryFailedResults, dropFailedResults, type ApiOptions, type DeadRecord, type DeadTarget, type EnqueueRejection, type EnqueueSummary, type RecordHandler, type ResultsConsumer, type ScheduleInfo, type ScheduleSpec, type QueueCounts } from './api.js';
export { loadConfig, ConfigSchema, CONFIG_FIELDS, type Config } from './config.js';
export { toStix, createStixBundler, toMisp, toText, stixPattern, NEWSINT_IDENTITY, STIX_SECTORS, MISP_INDICATOR_KINDS, type StixBundle, type StixObject, type StixBundler, type MispEvent } from './export/index.js';
