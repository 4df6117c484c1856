/** PLACEHOLDER: extractArticle vs Mozilla Readability + jsdom. */
export async function runExtractBench(): Promise<void> {}
