import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_PATH, parseLock, serializeLock, type Lock } from '../../scripts/lock/lock.ts';
import type { GenerateOptions } from '../../scripts/pin/compiler.ts';
import { runPin, type PinDeps } from '../../scripts/pin/run.ts';
import type { UsedRef } from '../../scripts/pin/types.ts';
import { FakeGitHub, type FaultAction } from '../fake-github/server.ts';
import { removeDir, snapshotDir, tempDir, used } from './helpers.ts';
import { captureIO } from '../helpers/io.ts';
import { fakeGitHubForTests } from '../fake-github/for-tests.ts';

const fake = fakeGitHubForTests();

let dir: string;
afterEach(() => removeDir(dir));

const tag = (repo: string, name: string) => fake.repo(repo).tags.find((t) => t.name === name)!;

const capture = (env: NodeJS.ProcessEnv = {}) => captureIO(dir, env);

/** Compiler stand-ins: fixed refs, and a generator that renders the lock into ci.yml. */
function deps(refs: UsedRef[]): PinDeps & { generated: number } {
  const d = {
    generated: 0,
    client: { secondMs: 1, timeoutMs: 300, retries: 1, apiUrl: fake.url },
    collectUsedRefs: async () => refs,
    // Like the real generate: compiles against the lock it is given and writes the pin's own
    // files (lock, bindings) in the same all-or-nothing write as the workflow.
    generate: async ({ cwd, lock: given, extraChanges }: GenerateOptions) => {
      d.generated++;
      const lock = given ?? parseLock(await readFile(join(cwd, LOCK_PATH), 'utf8'));
      const { writeFilesAtomically } = await import('../../scripts/core/atomic-write.ts');
      const lines = Object.entries(lock.actions).map(
        ([k, e]) => `      - uses: ${k.slice(0, k.lastIndexOf('@'))}@${e.sha} # ratchet:${k}`,
      );
      const path = join(cwd, '.github/workflows/ci.yml');
      await writeFilesAtomically([
        ...(extraChanges ?? []),
        { path, content: `jobs:\n  a:\n    steps:\n${lines.join('\n')}\n` },
      ]);
      return { ok: true, diagnostics: [], changed: ['.github/workflows/ci.yml'] };
    },
  };
  return d;
}

function lockWith(entries: Lock['actions']): string {
  return serializeLock({ version: 1, actions: entries });
}

const OLD_WORKFLOW =
  'jobs:\n  a:\n    steps:\n      - uses: actions/checkout@v3 # not pinned yet\n';

describe('pnpm pin (sources)', () => {
  it('adds missing refs, drops unused ones, keeps the rest, then regenerates', async () => {
    const setupNode = tag('actions/setup-node', 'v4').commit;
    dir = await tempDir({
      [LOCK_PATH]: lockWith({
        'actions/setup-node@v4': { sha: setupNode, kind: 'tag' },
        'actions/cache@v3': { sha: tag('actions/cache', 'v3').commit, kind: 'tag' },
      }),
      '.github/workflows/ci.yml': OLD_WORKFLOW,
    });
    const d = deps(used('actions/checkout@v4', 'actions/setup-node@v4'));
    const c = capture();
    expect(await runPin([], c.io, d)).toBe(0);
    const lock = parseLock(await readFile(join(dir, LOCK_PATH), 'utf8'));
    expect(lock.actions).toEqual({
      'actions/checkout@v4': { sha: tag('actions/checkout', 'v4').commit, kind: 'tag' },
      'actions/setup-node@v4': { sha: setupNode, kind: 'tag' },
    });
    expect(c.out).toContain('+ actions/checkout@v4');
    expect(c.out).toContain('- actions/cache@v3');
    // One tag lookup, plus the action.yml of both locked actions (no binding module exists yet).
    expect(c.out.at(-1)).toBe('pin: 1 added, 0 updated, 1 unchanged, 1 removed (3 requests)');
    expect(d.generated).toBe(1);
    expect(await readFile(join(dir, '.github/workflows/ci.yml'), 'utf8')).toContain(
      `actions/checkout@${tag('actions/checkout', 'v4').commit} # ratchet:actions/checkout@v4`,
    );
  });

  it('--update moves a tag that moved and regenerates', async () => {
    const local = await FakeGitHub.start();
    try {
      const old = tag('docker/login-action', 'v3').commit;
      dir = await tempDir({
        [LOCK_PATH]: lockWith({ 'docker/login-action@v3': { sha: old, kind: 'tag' } }),
      });
      const moved = local.repo('docker/login-action').default_branch_commit;
      local.moveTag('docker/login-action', 'v3', moved);
      const d = deps(used('docker/login-action@v3'));
      d.client = { ...d.client, apiUrl: local.url };
      const plain = capture();
      expect(await runPin([], plain.io, d)).toBe(0);
      // Nothing to resolve; the one request fetches the action.yml for the missing binding.
      expect(plain.out.at(-1)).toBe('pin: 0 added, 0 updated, 1 unchanged, 0 removed (1 requests)');
      const c = capture();
      expect(await runPin(['--update'], c.io, d)).toBe(0);
      expect(c.out).toContain(
        `~ docker/login-action@v3: ${old.slice(0, 12)} -> ${moved.slice(0, 12)}`,
      );
      expect((await readFile(join(dir, LOCK_PATH), 'utf8')).split('\n')).toContain(
        `    "docker/login-action@v3": {"sha": "${moved}", "kind": "tag"}`,
      );
      expect(d.generated).toBe(2);
    } finally {
      await local.close();
    }
  });

  it('prints a JSON result with --json', async () => {
    dir = await tempDir();
    const c = capture();
    expect(await runPin(['--json', '--no-gen'], c.io, deps(used('actions/checkout@v4')))).toBe(0);
    const json = JSON.parse(c.out.join('\n'));
    expect(json).toMatchObject({
      ok: true,
      added: ['actions/checkout@v4'],
      removed: [],
      // The tag, and action.yml for the binding.
      requests: 2,
    });
  });

  it('refuses bad usage with exit code 2', async () => {
    dir = await tempDir();
    const c = capture();
    expect(await runPin(['--check', '--verify'], c.io, deps([]))).toBe(2);
    expect(c.err.join('\n')).toMatch(/--check and --verify cannot be combined/);
    expect(await runPin(['--unpin'], c.io, deps([]))).toBe(2);
  });
});

describe('every failure leaves the lock and the workflows byte-identical', () => {
  const cases: [string, string[], FaultAction | undefined][] = [
    ['unknown repository (404)', ['nobody/nothing@v1'], undefined],
    ['unknown tag', ['actions/checkout@v404'], undefined],
    ['unknown full SHA (422)', [`actions/checkout@${'ab'.repeat(20)}`], undefined],
    ['short SHA', ['actions/checkout@c85c95e'], undefined],
    ['impostor commit', ['@fork'], undefined],
    ['persistent 500', ['actions/checkout@v4'], { kind: 'status', status: 500 }],
    ['persistent 502', ['actions/checkout@v4'], { kind: 'status', status: 502 }],
    ['rate limit resetting in an hour', ['actions/checkout@v4'], { kind: 'rate-limit', reset: 0 }],
    ['persistent 429', ['actions/checkout@v4'], { kind: 'secondary-limit', retryAfter: 1 }],
    ['hung requests', ['actions/checkout@v4'], { kind: 'hang' }],
    ['malformed JSON', ['actions/checkout@v4'], { kind: 'malformed' }],
  ];
  it.each(cases)('%s', async (_name, uses, fault) => {
    const resolvedUses = uses.map((u) =>
      u === '@fork' ? `actions/checkout@${fake.repo('actions/checkout').fork_only_commits[0]}` : u,
    );
    dir = await tempDir({
      [LOCK_PATH]: lockWith({
        'actions/cache@v3': { sha: tag('actions/cache', 'v3').commit, kind: 'tag' },
      }),
      '.github/workflows/ci.yml': OLD_WORKFLOW,
    });
    if (fault?.kind === 'rate-limit') fault.reset = Math.floor(Date.now() / 1000) + 3600;
    if (fault) fake.inject({ action: fault });
    const before = await snapshotDir(dir);
    const d = deps(used('actions/setup-node@v4', ...resolvedUses));
    const c = capture();
    expect(await runPin([], c.io, d)).toBe(1);
    expect(await snapshotDir(dir)).toEqual(before);
    expect(d.generated).toBe(0);
    expect(c.out.at(-1)).toMatch(/FAILED.*were not changed/);
    // The error names the source position of the failing use.
    expect(c.err.join('\n')).toMatch(
      /workflows-src\/ci\.ts:1[01]:1: jobs\.build\.steps\[\d\]\.uses: /,
    );
  });

  it('a generator that fails after the lock was written is reported, not hidden', async () => {
    dir = await tempDir({ [LOCK_PATH]: lockWith({}), '.github/workflows/ci.yml': OLD_WORKFLOW });
    const d = deps(used('actions/checkout@v4'));
    d.generate = async () => {
      throw new Error('disk full');
    };
    await expect(runPin([], capture().io, d)).rejects.toThrow('disk full');
    expect(await readFile(join(dir, '.github/workflows/ci.yml'), 'utf8')).toBe(OLD_WORKFLOW);
  });
});

describe('bad input', () => {
  it('a corrupt lock is a user error that names the file, and nothing is written', async () => {
    dir = await tempDir({ [LOCK_PATH]: '{"version": 1, "actions": {"a/b@v1": {"sha": "XYZ"}}}\n' });
    const before = await snapshotDir(dir);
    const err = await runPin([], capture().io, deps(used('actions/checkout@v4'))).catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('UserError');
    expect(err.message).toMatch(/^generated\/actions\.lock\.json: actions\.a\/b@v1\.sha: /);
    expect(await snapshotDir(dir)).toEqual(before);
  });
});

describe('regeneration failure after a successful pin', () => {
  it('writes nothing when the workflows do not compile against the new pins, exit 1', async () => {
    dir = await tempDir({ [LOCK_PATH]: lockWith({}) });
    const before = await snapshotDir(dir);
    const d = deps(used('actions/checkout@v4'));
    d.generate = async () => ({
      ok: false,
      changed: [],
      diagnostics: [
        { severity: 'error', file: 'workflows-src/ci.ts', line: 3, message: 'bad job' },
      ],
    });
    const c = capture();
    expect(await runPin([], c.io, d)).toBe(1);
    expect(c.err.join('\n')).toContain('workflows-src/ci.ts:3:1: bad job');
    expect(c.out.at(-1)).toMatch(/workflows do not compile .* were not changed/);
    expect(await snapshotDir(dir)).toEqual(before);
  });
});
