/**
 * `npm run bench`: every benchmark, each against a named baseline measured in the same run.
 * NEWSINT_BENCH_ONLY=extract or =pipeline runs one of them.
 */
import { runExtractBench } from './extract.js';
import { runPipelineBench } from './pipeline.js';

const only = process.env.NEWSINT_BENCH_ONLY;
if (!only || only === 'extract') await runExtractBench();
if (!only || only === 'pipeline') await runPipelineBench();
