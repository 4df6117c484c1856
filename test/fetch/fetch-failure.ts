/** Runs a fetch that must fail and returns its NewsintError (fails the test if it resolves). */
import { expect } from 'vitest';
import { NewsintError } from '../../src/errors.js';
import type { FetchRequest, Fetcher } from '../../src/fetch/index.js';

export async function fetchFailure(fetcher: Fetcher, req: FetchRequest): Promise<NewsintError> {
  const err = await fetcher.fetch(req).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NewsintError);
  return err as NewsintError;
}
