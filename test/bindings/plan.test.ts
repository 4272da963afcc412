/**
 * Planning generated/actions against the lock, over real HTTP from the fake GitHub API: what is
 * fetched, what is written, deleted or left alone, and regeneration when a tag moves.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../../scripts/core/atomic-write.ts';
import { metadataFetcher } from '../../scripts/bindings/fetch.ts';
import { parseHeader } from '../../scripts/bindings/header.ts';
import { bootstrapBindings } from '../../scripts/bindings/bootstrap.ts';
import { planBindings, staleBindings } from '../../scripts/bindings/plan.ts';
import type { Lock, LockEntry } from '../../scripts/lock/lock.ts';
import { resolveRefs } from '../../scripts/pin/resolve.ts';
import { FakeGitHub } from '../fake-github/server.ts';
import { removeDir, snapshotDir, tempDir, testClient, used } from '../pin/helpers.ts';
import { recordedFile, recordedSha } from './helpers.ts';
import { fakeGitHubForTests } from '../fake-github/for-tests.ts';

const fake = fakeGitHubForTests();

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => removeDir(dir));

const tag = (fullName: string, name: string): LockEntry => ({
  sha: recordedSha(fullName, name),
  kind: 'tag',
});
const branch = (fullName: string, name: string): LockEntry => ({
  sha: recordedSha(fullName, name),
  kind: 'branch',
});

function lockOf(actions: Record<string, LockEntry>): Lock {
  return { version: 1, actions };
}

const baseLock = () =>
  lockOf({
    'actions/checkout@v4': tag('actions/checkout', 'v4'),
    're-actors/alls-green@release/v1': branch('re-actors/alls-green', 'release/v1'),
    'github/codeql-action/upload-sarif@v4': tag('github/codeql-action', 'v4'),
  });

async function plan(lock: Lock, opts: { regenerate?: boolean } = {}) {
  return planBindings(lock, dir, metadataFetcher(testClient(fake)), opts);
}

async function files(): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe('planBindings', () => {
  it('adds one module per lock entry plus the index, fetching each action.yml once', async () => {
    const p = await plan(baseLock());
    expect(fake.requests.map((r) => r.path).sort()).toEqual([
      '/repos/actions/checkout/contents/action.yml',
      '/repos/github/codeql-action/contents/upload-sarif/action.yml',
      '/repos/re-actors/alls-green/contents/action.yml',
    ]);
    expect(p.written).toEqual([
      'actions/checkout@v4',
      'github/codeql-action/upload-sarif@v4',
      're-actors/alls-green@release/v1',
    ]);
    expect(p.changes.map((c) => c.path.slice(dir.length + 1)).sort()).toEqual([
      'actions__checkout@v4.ts',
      'github__codeql-action__upload-sarif@v4.ts',
      'index.ts',
      're-actors__alls-green@release~v1.ts',
    ]);
    await writeFilesAtomically(p.changes);
    const index = await readFile(join(dir, 'index.ts'), 'utf8');
    expect(index).toContain(
      [
        'export const bindings = {',
        "  'actions/checkout@v4': actions__checkout_v4,",
        "  'github/codeql-action/upload-sarif@v4': github__codeql_action__upload_sarif_v4,",
        "  're-actors/alls-green@release/v1': re_actors__alls_green_release__v1,",
        '} as const;',
      ].join('\n'),
    );
    const sarif = await readFile(join(dir, 'github__codeql-action__upload-sarif@v4.ts'), 'utf8');
    expect(parseHeader(sarif)).toEqual({
      action: 'github/codeql-action/upload-sarif',
      sha: recordedSha('github/codeql-action', 'v4'),
      source: 'action.yml',
    });
  });

  it('makes no request and no change when every module matches the lock', async () => {
    await writeFilesAtomically((await plan(baseLock())).changes);
    fake.resetRequests();
    const again = await plan(baseLock());
    expect(fake.count()).toBe(0);
    expect(again).toEqual({ changes: [], written: [], withoutMetadata: [], deleted: [] });
    expect(await staleBindings(baseLock(), dir)).toEqual([]);
  });

  it('deletes the module of a dropped entry and rewrites the index, without fetching', async () => {
    await writeFilesAtomically((await plan(baseLock())).changes);
    const lock = baseLock();
    delete lock.actions['actions/checkout@v4'];
    fake.resetRequests();
    const p = await plan(lock);
    expect(fake.count()).toBe(0);
    expect(p.deleted).toEqual(['actions__checkout@v4.ts']);
    await writeFilesAtomically(p.changes);
    expect(await files()).toEqual([
      'github__codeql-action__upload-sarif@v4.ts',
      'index.ts',
      're-actors__alls-green@release~v1.ts',
    ]);
    expect(await readFile(join(dir, 'index.ts'), 'utf8')).not.toContain('checkout');
  });

  it('leaves files without the generated header alone', async () => {
    await writeFile(join(dir, 'notes.ts'), '// hand-written\nexport const x = 1;\n');
    const p = await plan(baseLock());
    expect(p.deleted).toEqual([]);
    expect(p.changes.map((c) => c.path)).not.toContain(join(dir, 'notes.ts'));
  });

  it('regenerates when a tag moves: the new binding lacks the input the new commit dropped', async () => {
    // docker/setup-buildx-action v3 declares `install`; v4's action.yml no longer has it.
    const key = 'docker/setup-buildx-action@v3';
    const v3 = recordedSha('docker/setup-buildx-action', 'v3');
    const v4 = recordedSha('docker/setup-buildx-action', 'v4');
    const api = testClient(fake);
    const first = await resolveRefs(used(key), lockOf({}), api);
    expect(first.lock.actions[key]?.sha).toBe(v3);
    await writeFilesAtomically((await plan(first.lock)).changes);
    const before = await readFile(join(dir, 'docker__setup-buildx-action@v3.ts'), 'utf8');
    expect(before).toContain('  install?: InputValue;');
    expect(before).toContain('    install: {');

    fake.moveTag('docker/setup-buildx-action', 'v3', v4);
    try {
      const moved = await resolveRefs(used(key), first.lock, api, { update: true });
      expect(moved.report.updated).toEqual([{ key, from: v3, to: v4 }]);
      fake.resetRequests();
      const p = await plan(moved.lock);
      expect(fake.requests.map((r) => [r.path, r.query.ref])).toEqual([
        ['/repos/docker/setup-buildx-action/contents/action.yml', v4],
      ]);
      expect(p.written).toEqual([key]);
      await writeFilesAtomically(p.changes);
    } finally {
      fake.moveTag('docker/setup-buildx-action', 'v3', v3);
    }
    const after = await readFile(join(dir, 'docker__setup-buildx-action@v3.ts'), 'utf8');
    expect(parseHeader(after)?.sha).toBe(v4);
    expect(after).not.toMatch(/\binstall\b/);
    expect(after).toContain("  uses: 'docker/setup-buildx-action@v3',");
    // Inputs v4 still has are kept.
    expect(after).toContain("  'driver-opts'?: InputValue;");
  });

  it('regenerates when the alias tag follows a new release that drops an input', async () => {
    // A fresh server: this test rewrites actions/checkout's history.
    const own = await FakeGitHub.start();
    try {
      const api = testClient(own);
      const key = 'actions/checkout@v4';
      const first = await resolveRefs(used(key), lockOf({}), api);
      const fetcher = metadataFetcher(api);
      await writeFilesAtomically((await planBindings(first.lock, dir, fetcher)).changes);
      const file = join(dir, 'actions__checkout@v4.ts');
      expect(await readFile(file, 'utf8')).toContain('  lfs?: InputValue;');

      const release = own.releaseWithoutInput('actions/checkout', {
        from: 'v4',
        tag: 'v4.99.0',
        input: 'lfs',
      });
      own.moveTag('actions/checkout', 'v4', release);
      const updated = await resolveRefs(used(key), first.lock, api, { update: true });
      expect(updated.lock.actions[key]?.sha).toBe(release);
      const p = await planBindings(updated.lock, dir, fetcher);
      expect(p.written).toEqual([key]);
      await writeFilesAtomically(p.changes);
      const after = await readFile(file, 'utf8');
      expect(parseHeader(after)?.sha).toBe(release);
      expect(after).not.toMatch(/\blfs\b/);
      expect(after).toContain("  'fetch-depth'?: InputValue;");
    } finally {
      await own.close();
    }
  });

  it('writes a marker module, left out of the index, for an action without metadata', async () => {
    const fullName = 'bentoml/setup-bentoml-action';
    const sha = recordedSha(fullName, 'v1');
    fake.setFile(fullName, sha, 'action.yml', null);
    try {
      const lock = lockOf({ 'bentoml/setup-bentoml-action@v1': tag(fullName, 'v1') });
      const p = await plan(lock);
      expect(p.withoutMetadata).toEqual(['bentoml/setup-bentoml-action@v1']);
      await writeFilesAtomically(p.changes);
      const marker = await readFile(join(dir, 'bentoml__setup-bentoml-action@v1.ts'), 'utf8');
      expect(parseHeader(marker)).toEqual({ action: fullName, sha, source: 'none' });
      expect(await readFile(join(dir, 'index.ts'), 'utf8')).not.toContain('bentoml');
      fake.resetRequests();
      const again = await plan(lock);
      expect(fake.count()).toBe(0);
      expect(again.withoutMetadata).toEqual(['bentoml/setup-bentoml-action@v1']);
      expect(again.changes).toEqual([]);
    } finally {
      fake.setFile(fullName, sha, 'action.yml', recordedFile(fullName, sha));
    }
  });

  it('fails without a plan when one action.yml is malformed, so nothing gets written', async () => {
    await writeFilesAtomically((await plan(baseLock())).changes);
    const before = await snapshotDir(dir);
    const sha = recordedSha('docker/login-action', 'v4');
    fake.setFile(
      'docker/login-action',
      sha,
      'action.yml',
      'inputs: [1, 2]\nruns: {using: node24}\n',
    );
    try {
      const lock = baseLock();
      lock.actions['docker/login-action@v4'] = tag('docker/login-action', 'v4');
      await expect(plan(lock)).rejects.toThrow(
        `docker/login-action@${sha} (action.yml): inputs: Invalid input: expected record, received array`,
      );
    } finally {
      fake.setFile(
        'docker/login-action',
        sha,
        'action.yml',
        recordedFile('docker/login-action', sha),
      );
    }
    expect(await snapshotDir(dir)).toEqual(before);
  });

  it('refetches everything with regenerate, and reports only modules whose text changed', async () => {
    await writeFilesAtomically((await plan(baseLock())).changes);
    fake.resetRequests();
    const p = await plan(baseLock(), { regenerate: true });
    expect(fake.count('/contents/')).toBe(3);
    expect(p.changes).toEqual([]);
  });

  it('reports modules that are missing or generated from another commit as stale', async () => {
    const lock = baseLock();
    await writeFilesAtomically((await plan(lock)).changes);
    lock.actions['actions/checkout@v4'] = tag('actions/checkout', 'v5');
    lock.actions['docker/login-action@v4'] = tag('docker/login-action', 'v4');
    expect(await staleBindings(lock, dir)).toEqual([
      'actions/checkout@v4',
      'docker/login-action@v4',
    ]);
  });

  it('refuses two keys that would share a module file', async () => {
    const lock = lockOf({
      'actions/checkout@v4': tag('actions/checkout', 'v4'),
      'Actions/Checkout@v4': tag('actions/checkout', 'v4'),
    });
    await expect(plan(lock)).rejects.toThrow(
      'bindings for Actions/Checkout@v4 and actions/checkout@v4 would both be written to actions__checkout@v4.ts',
    );
    expect(fake.count()).toBe(0);
  });
});

describe('bootstrapBindings', () => {
  it('resolves the keys through the resolver and plans their modules', async () => {
    const keys = ['github/codeql-action/upload-sarif@v4', 're-actors/alls-green@release/v1'];
    const { lock, plan: p } = await bootstrapBindings(keys, testClient(fake), dir);
    // codeql-action's v4 is an annotated tag: the lock also records its tag object.
    expect(lock.actions).toEqual({
      'github/codeql-action/upload-sarif@v4': {
        ...tag('github/codeql-action', 'v4'),
        tagObject: expect.stringMatching(/^[0-9a-f]{40}$/),
      },
      're-actors/alls-green@release/v1': branch('re-actors/alls-green', 'release/v1'),
    });
    expect(p.written).toEqual(keys);
    await writeFilesAtomically(p.changes);
    expect(await files()).toEqual([
      'github__codeql-action__upload-sarif@v4.ts',
      'index.ts',
      're-actors__alls-green@release~v1.ts',
    ]);
  });

  it('names the key that cannot be resolved', async () => {
    await expect(
      bootstrapBindings(['actions/checkout@v99'], testClient(fake), dir),
    ).rejects.toThrow(/actions\/checkout@v99/);
    expect(await files()).toEqual([]);
  });
});
