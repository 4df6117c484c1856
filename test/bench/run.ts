/** `npm run bench`: every benchmark, each against a named baseline measured in the same run. */
import { runExtractBench } from './extract.js';
import { runPipelineBench } from './pipeline.js';

await runExtractBench();
await runPipelineBench();
