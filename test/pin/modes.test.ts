import { readFile } from 'node:fs/promises';
import { BINDINGS_DIR } from '../../scripts/bindings/plan.ts';
import { bindingFileName, renderNoMetadataModule } from '../../scripts/bindings/render.ts';
import { writeFilesAtomically } from '../../scripts/core/atomic-write.ts';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_PATH, parseLock, serializeLock, type Lock } from '../../scripts/lock/lock.ts';
import { runPin, type PinDeps } from '../../scripts/pin/run.ts';
import type { UsedRef } from '../../scripts/pin/types.ts';
import { FakeGitHub } from '../fake-github/server.ts';
import constraints2023 from '../fixtures/github/constraints-2023.json' with { type: 'json' };
import { removeDir, snapshotDir, tempDir, used } from './helpers.ts';
import { captureIO } from '../helpers/io.ts';
import { fakeGitHubForTests } from '../fake-github/for-tests.ts';

const fake = fakeGitHubForTests();

let dir: string;
afterEach(() => removeDir(dir));

const tag = (repo: string, name: string) => fake.repo(repo).tags.find((t) => t.name === name)!;
const branch = (repo: string, name: string) =>
  fake.repo(repo).branches.find((b) => b.name === name)!;

async function pin(argv: string[], refs: UsedRef[] = [], env: NodeJS.ProcessEnv = {}) {
  const { io, out, err } = captureIO(dir, env);
  const deps: PinDeps = {
    client: { apiUrl: fake.url, secondMs: 1, timeoutMs: 500, retries: 1 },
    collectUsedRefs: async () => refs,
    // Writes what pin hands over (lock, bindings) as the real generate does.
    generate: async ({ extraChanges }) => {
      if (extraChanges?.length) await writeFilesAtomically(extraChanges);
      return { ok: true, diagnostics: [], changed: [] };
    },
  };
  const code = await runPin(argv, io, deps);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const lockText = (actions: Lock['actions']) => serializeLock({ version: 1, actions });
const readLockIn = async () => parseLock(await readFile(join(dir, LOCK_PATH), 'utf8'));

/** `pnpm pin --verify` in `dir` against a server of the test's own (whose data it mutated). */
async function verifyAgainst(server: FakeGitHub) {
  const { io, out, err } = captureIO(dir);
  const code = await runPin(['--verify'], io, {
    client: { apiUrl: server.url, secondMs: 1 },
    collectUsedRefs: async () => [],
    generate: async () => ({ ok: true, diagnostics: [], changed: [] }),
  });
  return { code, out, err };
}

describe('hand-written YAML: pnpm pin FILE', () => {
  const WF = [
    'name: ci',
    'on: push',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    "      - uses: 'actions/setup-node@v4' # keep node current",
    '      - uses: ./local-action',
    '      - uses: docker/login-action@v3 # ratchet:exclude pinned by the registry team',
    '      - run: echo hi',
    '',
  ].join('\n');

  it('pins only the uses: lines and keeps every other byte', async () => {
    dir = await tempDir({ '.github/workflows/ci.yml': WF });
    const r = await pin(['.github/workflows/ci.yml']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const text = await readFile(join(dir, '.github/workflows/ci.yml'), 'utf8');
    const expected = WF.replace(
      'actions/checkout@v4',
      `actions/checkout@${tag('actions/checkout', 'v4').commit} # ratchet:actions/checkout@v4`,
    ).replace(
      "'actions/setup-node@v4' # keep node current",
      `'actions/setup-node@${tag('actions/setup-node', 'v4').commit}' # keep node current ratchet:actions/setup-node@v4`,
    );
    expect(text).toBe(expected);
    expect(r.out).toMatch(/2 line\(s\) changed/);
    expect(fake.count()).toBe(2);

    // Pinning again is a no-op without requests; --unpin restores the original.
    fake.resetRequests();
    expect((await pin(['.github'])).code).toBe(0);
    expect(fake.count()).toBe(0);
    expect(await readFile(join(dir, '.github/workflows/ci.yml'), 'utf8')).toBe(expected);
    expect((await pin(['--unpin', '.github/workflows/ci.yml'])).code).toBe(0);
    expect(await readFile(join(dir, '.github/workflows/ci.yml'), 'utf8')).toBe(WF);
  });

  it('--update moves an already pinned line when its tag moved', async () => {
    const local = await FakeGitHub.start();
    try {
      const old = tag('docker/setup-qemu-action', 'v3').commit;
      const wf = `runs:\n  using: composite\n  steps:\n    - uses: docker/setup-qemu-action@${old} # ratchet:docker/setup-qemu-action@v3\n`;
      dir = await tempDir({ 'action.yml': wf });
      const moved = local.repo('docker/setup-qemu-action').default_branch_commit;
      local.moveTag('docker/setup-qemu-action', 'v3', moved);
      const out: string[] = [];
      const io = {
        cwd: dir,
        env: {},
        stdout: (t: string) => out.push(t),
        stderr: (t: string) => out.push(t),
        isTTY: false,
        debug: false,
      };
      const deps: PinDeps = {
        client: { apiUrl: local.url, secondMs: 1 },
        collectUsedRefs: async () => [],
        generate: async () => ({ ok: true, diagnostics: [], changed: [] }),
      };
      expect(await runPin(['action.yml'], io, deps)).toBe(0);
      expect(await readFile(join(dir, 'action.yml'), 'utf8')).toBe(wf);
      expect(await runPin(['--update', 'action.yml'], io, deps)).toBe(0);
      expect(await readFile(join(dir, 'action.yml'), 'utf8')).toBe(wf.replace(old, moved));
    } finally {
      await local.close();
    }
  });

  it('writes no file at all when one ref of one file fails', async () => {
    dir = await tempDir({
      '.github/workflows/a.yml': 'jobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n',
      '.github/workflows/b.yml': 'jobs:\n  b:\n    steps:\n      - uses: actions/checkout@nope\n',
    });
    const before = await snapshotDir(dir);
    const r = await pin(['.github']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /\.github\/workflows\/b\.yml:4:15: jobs\.b\.steps\[0\]\.uses: actions\/checkout@nope: actions\/checkout has no tag or branch named "nope"/,
    );
    expect(await snapshotDir(dir)).toEqual(before);
  });
});

describe('--absorb', () => {
  it('takes 2023 ratchet pins into the lock when reachable from their named ref', async () => {
    // Pins whose SHA is behind what the named tag points to today: proven via compare.
    const behind = constraints2023.constraints.filter(
      (c) =>
        c.named_ref_kind === 'tag' &&
        c.sha_is_ancestor_of_named_ref_today &&
        !c.sha_equals_named_ref_today,
    );
    expect(behind.length).toBeGreaterThan(3);
    const lines = behind.map(
      (c) =>
        `      - uses: ${c.owner}/${c.repo}${c.path ? `/${c.path}` : ''}@${c.sha} # ratchet:${c.owner}/${c.repo}${c.path ? `/${c.path}` : ''}@${c.named_ref}`,
    );
    dir = await tempDir({ 'old.yml': `jobs:\n  a:\n    steps:\n${lines.join('\n')}\n` });
    const r = await pin(['--absorb', 'old.yml']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lock = await readLockIn();
    for (const c of behind) {
      const key = `${c.owner}/${c.repo}${c.path ? `/${c.path}` : ''}@${c.named_ref}`;
      expect(lock.actions[key]).toEqual({ sha: c.sha, kind: 'tag' });
    }
  });

  it('refuses a bot bump to an impostor commit and changes nothing', async () => {
    const fork = fake.repo('actions/checkout').fork_only_commits[1]!;
    const good = tag('actions/checkout', 'v4').commit;
    dir = await tempDir({
      [LOCK_PATH]: lockText({ 'actions/checkout@v4': { sha: good, kind: 'tag' } }),
      '.github/workflows/ci.yml': `jobs:\n  a:\n    steps:\n      - uses: actions/checkout@${fork} # ratchet:actions/checkout@v4\n`,
    });
    const before = await snapshotDir(dir);
    const r = await pin(['--absorb', '.github/workflows/ci.yml']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /ci\.yml:4:15: .*cannot absorb actions\/checkout@v4 at [0-9a-f]{40}: .*impostor commit/,
    );
    expect(await snapshotDir(dir)).toEqual(before);
  });
});

describe('--check (offline)', () => {
  it('passes when every ref is locked and every uses: pinned; warns about exclusions', async () => {
    const sha = tag('actions/checkout', 'v4').commit;
    dir = await tempDir({
      [LOCK_PATH]: lockText({ 'actions/checkout@v4': { sha, kind: 'tag' } }),
      [`${BINDINGS_DIR}/${bindingFileName('actions/checkout@v4')}`]: renderNoMetadataModule(
        'actions/checkout@v4',
        sha,
      ),
      '.github/workflows/ci.yml': `jobs:\n  a:\n    steps:\n      - uses: actions/checkout@${sha} # ratchet:actions/checkout@v4\n      - uses: foo/bar@main # ratchet:exclude reason: tracks main on purpose\n      - uses: ./.github/actions/x\n`,
    });
    const refs = used('actions/checkout@v4', 'foo/bar@main');
    refs[1]!.excluded = 'tracks main on purpose';
    const r = await pin(['--check'], refs, { GITHUB_API_URL: 'http://127.0.0.1:9' });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /warning workflows-src\/ci\.ts:11:1: .*foo\/bar@main is not pinned \(ratchet:exclude\): tracks main on purpose/,
    );
    expect(r.err).toMatch(
      /warning \.github\/workflows\/ci\.yml:5:15: .*foo\/bar@main is not pinned/,
    );
    expect(fake.count()).toBe(0);
  });

  it('fails on a ref missing from the lock and on an unpinned uses:', async () => {
    dir = await tempDir({
      [LOCK_PATH]: lockText({}),
      '.github/workflows/ci.yml': 'jobs:\n  a:\n    steps:\n      - uses: actions/checkout@v4\n',
    });
    const r = await pin(['--check'], used('actions/checkout@v4'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /workflows-src\/ci\.ts:10:1: .*actions\/checkout@v4 is not in generated\/actions\.lock\.json/,
    );
    expect(r.err).toMatch(
      /\.github\/workflows\/ci\.yml:4:15: .*actions\/checkout@v4 is not pinned to a commit SHA/,
    );
  });
});

describe('--verify', () => {
  it('reports drift of a moved tag and an unreachable locked SHA', async () => {
    const local = await FakeGitHub.start();
    try {
      const v3 = tag('docker/login-action', 'v3').commit;
      const fork = local.repo('docker/login-action').fork_only_commits[0]!;
      dir = await tempDir({
        [LOCK_PATH]: lockText({
          'actions/checkout@v4': { sha: tag('actions/checkout', 'v4').commit, kind: 'tag' },
          'docker/login-action@v3': { sha: v3, kind: 'tag' },
          'docker/login-action@v2': { sha: fork, kind: 'tag' },
        }),
      });
      const moved = local.repo('docker/login-action').default_branch_commit;
      local.moveTag('docker/login-action', 'v3', moved);
      local.addCompare('docker/login-action', { base: 'v3', head: v3, status: 'behind' });
      const { code, out, err } = await verifyAgainst(local);
      expect(code).toBe(1);
      expect(out.join('\n')).toContain(
        `drift  docker/login-action@v3: locked ${v3.slice(0, 12)}, the tag now points to ${moved.slice(0, 12)}`,
      );
      expect(err.join('\n')).toMatch(
        /docker\/login-action@v2: locked [0-9a-f]{40}: .*not reachable/,
      );
      // v2 is reported twice: its tag points elsewhere, and the locked SHA is an impostor.
      expect(out.join('\n')).toMatch(/3 entries, 2 drifted, 1 unreachable/);
    } finally {
      await local.close();
    }
  });
});

describe('--verify checks every tag name for a same-named branch', () => {
  it('warns about a version-like tag that is also a branch (pnpm pin skips that lookup)', async () => {
    const local = await FakeGitHub.start();
    try {
      const v4 = tag('actions/checkout', 'v4').commit;
      local.addBranch(
        'actions/checkout',
        'v4',
        local.repo('actions/checkout').default_branch_commit,
      );
      dir = await tempDir({
        [LOCK_PATH]: lockText({ 'actions/checkout@v4': { sha: v4, kind: 'tag' } }),
      });
      const verified = await verifyAgainst(local);
      const { code } = verified;
      const out = [...verified.out, ...verified.err];
      expect(code).toBe(0);
      expect(out.join('\n')).toMatch(
        /warning generated\/actions\.lock\.json: actions\/checkout@v4: "v4" is both a tag and a branch of actions\/checkout; using the tag/,
      );
    } finally {
      await local.close();
    }
  });
});

describe('--outdated', () => {
  it('lists newer releases keeping the precision, with the source line', async () => {
    dir = await tempDir({});
    const r = await pin(
      ['--outdated'],
      used(
        'actions/checkout@v4',
        'pypa/cibuildwheel@v2.15',
        'actions/setup-node@v4.0.0',
        're-actors/alls-green@release/v1',
      ),
    );
    expect(r.code).toBe(0);
    const newestMajor = (repo: string) =>
      fake
        .repo(repo)
        .tags.map((t) => /^v(\d+)$/.exec(t.name)?.[1])
        .filter(Boolean)
        .map(Number)
        .sort((a, b) => b - a)[0];
    expect(r.out).toContain(
      `workflows-src/ci.ts:10: actions/checkout@v4 -> v${newestMajor('actions/checkout')}`,
    );
    expect(r.out).toContain(
      'workflows-src/ci.ts:11: pypa/cibuildwheel@v2.15 -> v2.23 (same major) or v4.2',
    );
    expect(r.out).toMatch(
      /workflows-src\/ci\.ts:12: actions\/setup-node@v4\.0\.0 -> v4\.\d+\.\d+ \(same major\) or v\d+\.\d+\.\d+/,
    );
    expect(r.out).not.toContain('alls-green');
  });
});
