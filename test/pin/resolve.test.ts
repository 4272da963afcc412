import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emptyLock, type Lock } from '../../scripts/lock/lock.ts';
import { resolveRefs } from '../../scripts/pin/resolve.ts';
import { FakeGitHub } from '../fake-github/server.ts';
import { testClient, used } from './helpers.ts';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await FakeGitHub.start();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.clearFaults();
  fake.resetRequests();
});

describe('resolveRefs', () => {
  it('resolves a lightweight tag to its commit', async () => {
    const { ok, lock, report } = await resolveRefs(
      used('actions/checkout@v4'),
      emptyLock(),
      testClient(fake),
    );
    expect(report.diagnostics).toEqual([]);
    expect(ok).toBe(true);
    // refs/tags/v4 of actions/checkout in the recording (lightweight).
    expect(lock.actions['actions/checkout@v4']).toEqual({
      sha: fake.repo('actions/checkout').tags.find((t) => t.name === 'v4')!.commit,
      kind: 'tag',
    });
    expect(report.added).toEqual(['actions/checkout@v4']);
  });
});
