/** Every subcommand's register function; main.ts adds them all to the program. */
export { registerExtract } from './extract.js';
export { registerSchema } from './schema.js';
export { registerDemo } from './demo.js';
export { registerConfig } from './config.js';
export { registerEnqueue } from './enqueue.js';
export { registerSchedule } from './schedule.js';
export { registerWorker } from './worker.js';
export { registerStatus } from './status.js';
export { registerResults } from './results.js';
export { registerDashboard } from './dashboard.js';
