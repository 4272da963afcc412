import { afterAll, beforeAll, beforeEach } from 'vitest';
import { FakeGitHub, type FakeGitHubOptions } from './server.ts';

/**
 * One fake GitHub API for a test file: listening while its tests run, with injected faults and
 * the request log cleared before each test. Call at the top level of the file.
 */
export function fakeGitHubForTests(opts: FakeGitHubOptions = {}): FakeGitHub {
  const fake = new FakeGitHub(opts);
  beforeAll(() => fake.listen(opts.port));
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.clearFaults();
    fake.resetRequests();
  });
  return fake;
}
