import { describe, expect, it } from 'vitest';
import { emptyLock, type Lock } from '../../scripts/lock/lock.ts';
import { resolveRefs } from '../../scripts/pin/resolve.ts';
import { FakeGitHub } from '../fake-github/server.ts';
import constraints2023 from '../fixtures/github/constraints-2023.json' with { type: 'json' };
import { testClient, used } from './helpers.ts';
import { fakeGitHubForTests } from '../fake-github/for-tests.ts';

const fake = fakeGitHubForTests();

const tagOf = (repo: string, name: string) => fake.repo(repo).tags.find((t) => t.name === name)!;
const branchOf = (repo: string, name: string) =>
  fake.repo(repo).branches.find((b) => b.name === name)!;

async function pin(uses: string[], lock: Lock = emptyLock(), update = false) {
  return resolveRefs(used(...uses), lock, testClient(fake), { update });
}

describe('resolving tags and branches', () => {
  it('resolves a lightweight tag to its commit with one request', async () => {
    const { ok, lock, report } = await pin(['actions/checkout@v4']);
    expect(report.diagnostics).toEqual([]);
    expect(ok).toBe(true);
    expect(tagOf('actions/checkout', 'v4').tag_object).toBeNull();
    expect(lock.actions['actions/checkout@v4']).toEqual({
      sha: tagOf('actions/checkout', 'v4').commit,
      kind: 'tag',
    });
    expect(report.added).toEqual(['actions/checkout@v4']);
    expect(fake.count()).toBe(1);
  });

  it('peels an annotated tag to its commit and records the tag object separately', async () => {
    const t = tagOf('actions/checkout', 'v1');
    expect(t.tag_object).not.toBeNull();
    const { lock } = await pin(['actions/checkout@v1']);
    const entry = lock.actions['actions/checkout@v1']!;
    expect(entry.sha).toBe(t.commit);
    expect(entry.tagObject).toBe(t.tag_object);
    // The tag object's SHA must never be what gets pinned.
    expect(entry.sha).not.toBe(t.tag_object);
    expect(fake.count('/git/tags/')).toBe(1);
  });

  it('resolves a branch', async () => {
    const { lock } = await pin(['re-actors/alls-green@release/v1']);
    expect(lock.actions['re-actors/alls-green@release/v1']).toEqual({
      sha: branchOf('re-actors/alls-green', 'release/v1').commit,
      kind: 'branch',
    });
  });

  it('warns when a name is both a tag and a branch, and uses the tag', async () => {
    const repo = 'aws-actions/configure-aws-credentials';
    const { ok, lock, report } = await pin([`${repo}@v1-node16`]);
    expect(ok).toBe(true);
    expect(lock.actions[`${repo}@v1-node16`]!.sha).toBe(tagOf(repo, 'v1-node16').commit);
    expect(lock.actions[`${repo}@v1-node16`]!.kind).toBe('tag');
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({
      severity: 'warning',
      file: 'workflows-src/ci.ts',
      line: 10,
    });
    expect(report.diagnostics[0]!.message).toMatch(/both a tag and a branch.*using the tag/);
  });

  it('makes one request per unique repo@constraint, across files and sub-actions', async () => {
    const { ok, lock } = await pin([
      'github/codeql-action/init@v3',
      'github/codeql-action/analyze@v3',
      'github/codeql-action/init@v3',
      'actions/checkout@v4',
      'actions/checkout@v4',
    ]);
    expect(ok).toBe(true);
    expect(Object.keys(lock.actions).sort()).toEqual([
      'actions/checkout@v4',
      'github/codeql-action/analyze@v3',
      'github/codeql-action/init@v3',
    ]);
    // codeql v3 is annotated: ref + peel; checkout v4 is lightweight: ref.
    expect(fake.count('/git/ref/tags/v3')).toBe(1);
    expect(fake.count()).toBe(3);
  });

  it('makes no request when the lock already has every ref, and drops unused entries', async () => {
    const first = await pin(['actions/checkout@v4', 'actions/setup-node@v4']);
    fake.resetRequests();
    const second = await pin(['actions/checkout@v4'], first.lock);
    expect(fake.count()).toBe(0);
    expect(second.report.unchanged).toEqual(['actions/checkout@v4']);
    expect(second.report.removed).toEqual(['actions/setup-node@v4']);
    expect(Object.keys(second.lock.actions)).toEqual(['actions/checkout@v4']);
  });

  it('skips uses excluded in the source', async () => {
    const refs = used('actions/checkout@v4');
    refs[0]!.excluded = 'testing the tip of main on purpose';
    const { lock } = await resolveRefs(refs, emptyLock(), testClient(fake));
    expect(lock.actions).toEqual({});
    expect(fake.count()).toBe(0);
  });
});

describe('--update: moved tags', () => {
  it('re-resolves a moved tag and reports old and new SHA', async () => {
    const local = await FakeGitHub.start();
    try {
      const client = testClient(local);
      const first = await resolveRefs(used('docker/login-action@v3'), emptyLock(), client);
      const old = first.lock.actions['docker/login-action@v3']!.sha;
      const moved = local.repo('docker/login-action').default_branch_commit;
      local.moveTag('docker/login-action', 'v3', moved);
      const plain = await resolveRefs(used('docker/login-action@v3'), first.lock, client);
      expect(plain.lock.actions['docker/login-action@v3']!.sha).toBe(old);
      const upd = await resolveRefs(used('docker/login-action@v3'), first.lock, client, {
        update: true,
      });
      expect(upd.report.updated).toEqual([{ key: 'docker/login-action@v3', from: old, to: moved }]);
      expect(upd.lock.actions['docker/login-action@v3']!.sha).toBe(moved);
    } finally {
      await local.close();
    }
  });
});

describe('refusals', () => {
  it('rejects a short SHA with a clear message at the source line', async () => {
    const { ok, report, lock } = await pin(['actions/checkout@c85c95e']);
    expect(ok).toBe(false);
    expect(lock.actions).toEqual({});
    expect(report.diagnostics[0]).toMatchObject({ severity: 'error', line: 10 });
    expect(report.diagnostics[0]!.message).toMatch(/short commit SHA.*full 40-character/);
    expect(fake.count()).toBe(0);
  });

  it('reports an unknown repository (404)', async () => {
    const { ok, report } = await pin(['nobody/no-such-action@v1']);
    expect(ok).toBe(false);
    expect(report.diagnostics[0]!.message).toMatch(/repository nobody\/no-such-action not found/);
  });

  it('reports an unknown tag or branch', async () => {
    const { ok, report } = await pin(['actions/checkout@v99']);
    expect(ok).toBe(false);
    expect(report.diagnostics[0]!.message).toMatch(/no tag or branch named "v99"/);
  });

  it('reports an unknown full SHA (422 from commits/{sha})', async () => {
    const sha = 'deadbeef'.repeat(5);
    const { ok, report } = await pin([`actions/checkout@${sha}`]);
    expect(ok).toBe(false);
    expect(report.diagnostics[0]!.message).toMatch(`has no commit ${sha}`);
    expect(fake.requests.some((r) => r.path.endsWith(`/commits/${sha}`))).toBe(true);
  });

  it.each(
    ['actions/checkout', 'docker/login-action', 'github/codeql-action'].map(
      (repo) => [repo] as const,
    ),
  )('refuses fork-only (impostor) commits of %s', async (repo) => {
    const sha = fake.repo(repo).fork_only_commits[0]!;
    const { ok, report, lock } = await pin([`${repo}@${sha}`]);
    expect(ok).toBe(false);
    expect(lock.actions).toEqual({});
    expect(report.diagnostics[0]!.message).toMatch(
      /not reachable from any of its branches or tags/,
    );
    expect(report.diagnostics[0]!.message).toMatch(/impostor commit/);
  });

  it('accepts a full SHA in a source when a tag points to it', async () => {
    const sha = tagOf('actions/checkout', 'v4.1.1').commit;
    const { ok, lock } = await pin([`actions/checkout@${sha}`]);
    expect(ok).toBe(true);
    expect(lock.actions[`actions/checkout@${sha}`]).toEqual({ sha, kind: 'sha' });
  });

  it('accepts every 2023 pin that the recording shows reachable from a tag or branch head', async () => {
    const reachableHeads = constraints2023.constraints.filter(
      (c) => c.sha_reachable_from_any_branch_or_tag && c.tags_pointing_at_sha.length > 0,
    );
    expect(reachableHeads.length).toBeGreaterThan(10);
    const { ok, report } = await pin(reachableHeads.map((c) => c.uses));
    expect(report.diagnostics).toEqual([]);
    expect(ok).toBe(true);
  });
});

describe('reachability proofs for SHAs written in sources', () => {
  it('accepts a SHA in the default branch history (compare says behind)', async () => {
    // The 2023 pin of trivy-action: no tag or branch head points to it, but it is in the history
    // of the default branch.
    const pin2023 = constraints2023.constraints.find((c) => c.repo === 'trivy-action')!;
    const data = fake.repo('aquasecurity/trivy-action');
    expect(data.tags.some((t) => t.commit === pin2023.sha)).toBe(false);
    expect(pin2023.sha_reachable_from_any_branch_or_tag).toBe(true);
    const { ok, lock, report } = await pin([pin2023.uses]);
    expect(report.diagnostics).toEqual([]);
    expect(ok).toBe(true);
    expect(lock.actions[pin2023.uses]).toEqual({ sha: pin2023.sha, kind: 'sha' });
    expect(fake.count(`/compare/${data.default_branch}...${pin2023.sha}`)).toBe(1);
  });

  it('keeps SHA entries under --update without asking again', async () => {
    const sha = tagOf('actions/checkout', 'v4.1.1').commit;
    const lock: Lock = {
      version: 1,
      actions: { [`actions/checkout@${sha}`]: { sha, kind: 'sha' } },
    };
    const { report } = await pin([`actions/checkout@${sha}`], lock, true);
    expect(report.unchanged).toEqual([`actions/checkout@${sha}`]);
    expect(fake.count()).toBe(0);
  });
});
