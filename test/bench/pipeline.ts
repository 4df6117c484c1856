/** PLACEHOLDER: pipeline throughput vs BullMQ's own ceiling. */
export async function runPipelineBench(): Promise<void> {}
