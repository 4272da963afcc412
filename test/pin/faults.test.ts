import { describe, expect, it } from 'vitest';
import { emptyLock } from '../../scripts/lock/lock.ts';
import { resolveRefs } from '../../scripts/pin/resolve.ts';
import { FakeGitHub } from '../fake-github/server.ts';
import { testClient, used } from './helpers.ts';
import { fakeGitHubForTests } from '../fake-github/for-tests.ts';

const fake = fakeGitHubForTests();

const CHECKOUT_V4 = () => fake.repo('actions/checkout').tags.find((t) => t.name === 'v4')!.commit;
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('network faults', () => {
  it.each([500, 502] as const)('retries after %i and then succeeds', async (status) => {
    fake.inject({ action: { kind: 'status', status }, times: 2 });
    const { ok, lock } = await resolveRefs(
      used('actions/checkout@v4'),
      emptyLock(),
      testClient(fake),
    );
    expect(ok).toBe(true);
    expect(lock.actions['actions/checkout@v4']!.sha).toBe(CHECKOUT_V4());
    expect(fake.count()).toBe(3);
  });

  it('gives up after the configured retries on a persistent 502', async () => {
    fake.inject({ action: { kind: 'status', status: 502 } });
    const { ok, report } = await resolveRefs(
      used('actions/checkout@v4'),
      emptyLock(),
      testClient(fake, { retries: 2 }),
    );
    expect(ok).toBe(false);
    expect(fake.count()).toBe(3);
    expect(report.diagnostics[0]!.message).toMatch(/HTTP 502 after 2 retries/);
  });

  it('waits for a primary rate limit that resets soon (403, x-ratelimit-reset) and succeeds', async () => {
    fake.inject({ action: { kind: 'rate-limit', reset: nowSeconds() + 1 }, times: 1 });
    const { ok, lock } = await resolveRefs(
      used('actions/checkout@v4'),
      emptyLock(),
      testClient(fake),
    );
    expect(ok).toBe(true);
    expect(lock.actions['actions/checkout@v4']!.sha).toBe(CHECKOUT_V4());
    expect(fake.count()).toBe(2);
  });

  it('fails clearly, without waiting, when the rate limit resets too far in the future', async () => {
    fake.inject({ action: { kind: 'rate-limit', reset: nowSeconds() + 3600 } });
    const started = Date.now();
    const { ok, report } = await resolveRefs(
      used('actions/checkout@v4'),
      emptyLock(),
      // A real "second" here: a hang would be visible as a test timeout.
      testClient(fake, { secondMs: 1000, maxWaitSeconds: 60 }),
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(ok).toBe(false);
    expect(fake.count()).toBe(1);
    const msg = report.diagnostics[0]!.message;
    expect(msg).toMatch(/rate limit is exhausted until \d{4}-\d\d-\d\dT[\d:]+Z \(in 60 min\)/);
    expect(msg).toMatch(/not waiting more than 60 s/);
    expect(msg).toMatch(/GITHUB_TOKEN/);
  });

  it('stops sending once the rate limit is known to be exhausted for long', async () => {
    fake.inject({ action: { kind: 'rate-limit', reset: nowSeconds() + 3600 } });
    const { ok, report } = await resolveRefs(
      used(
        'actions/checkout@v4',
        'actions/cache@v4',
        'actions/setup-node@v4',
        'docker/login-action@v3',
      ),
      emptyLock(),
      testClient(fake, { concurrency: 1 }),
    );
    expect(ok).toBe(false);
    expect(fake.count()).toBe(1);
    expect(report.diagnostics).toHaveLength(4);
    for (const d of report.diagnostics) expect(d.message).toMatch(/rate limit is exhausted until/);
  });

  it('honours retry-after on a 429 secondary rate limit', async () => {
    fake.inject({ action: { kind: 'secondary-limit', retryAfter: 3 }, times: 1 });
    const started = Date.now();
    const { ok } = await resolveRefs(
      used('actions/checkout@v4'),
      emptyLock(),
      testClient(fake, { secondMs: 50 }),
    );
    expect(ok).toBe(true);
    // 3 "seconds" of 50 ms each.
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(fake.count()).toBe(2);
  });

  it('times out a hung request and retries it', async () => {
    fake.inject({ action: { kind: 'hang' }, times: 1 });
    const { ok } = await resolveRefs(
      used('actions/checkout@v4'),
      emptyLock(),
      testClient(fake, { timeoutMs: 200 }),
    );
    expect(ok).toBe(true);
    expect(fake.count()).toBe(2);
  });

  it('fails with a timeout message when every attempt hangs', async () => {
    fake.inject({ action: { kind: 'hang' } });
    const { ok, report } = await resolveRefs(
      used('actions/checkout@v4'),
      emptyLock(),
      testClient(fake, { timeoutMs: 100, retries: 1 }),
    );
    expect(ok).toBe(false);
    expect(report.diagnostics[0]!.message).toMatch(/no response within 100 ms/);
  });

  it('reports a malformed JSON response instead of pinning garbage', async () => {
    fake.inject({ action: { kind: 'malformed' } });
    const { ok, report, lock } = await resolveRefs(
      used('actions/checkout@v4'),
      emptyLock(),
      testClient(fake),
    );
    expect(ok).toBe(false);
    expect(lock.actions).toEqual({});
    expect(report.diagnostics[0]!.message).toMatch(/malformed response/);
  });

  it('reports an unreachable API server', async () => {
    const dead = await FakeGitHub.start();
    await dead.close();
    const { ok, report } = await resolveRefs(
      used('actions/checkout@v4'),
      emptyLock(),
      testClient(dead, { retries: 1 }),
    );
    expect(ok).toBe(false);
    expect(report.diagnostics[0]!.message).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('sends the token to the API but never puts it in a message', async () => {
    const token = 'ghp_SECRETtoken1234567890abcdefghijklmn';
    fake.inject({ action: { kind: 'rate-limit', reset: nowSeconds() + 3600 } });
    const { report } = await resolveRefs(
      used('actions/checkout@v4'),
      emptyLock(),
      testClient(fake, { token }),
    );
    expect(fake.requests[0]!.authenticated).toBe(true);
    expect(JSON.stringify(report)).not.toContain(token);
  });
});
