import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, snapshotDir, tempDir } from './helpers.ts';
import { fakeGitHubForTests } from '../fake-github/for-tests.ts';

const fake = fakeGitHubForTests();

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'scripts/cli.ts');
const TOKEN = 'ghp_TopSecretValue0123456789abcdefABCDEF';

let dir: string;
afterEach(() => removeDir(dir));

/** Runs the real CLI in `dir` as a child process, with a token in the environment. */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, [CLI, 'pin', ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_TOKEN: TOKEN, ...env },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const WF =
  'jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n';

describe('the real CLI never shows the token', () => {
  it('pins a hand-written workflow, authenticated', async () => {
    dir = await tempDir({ '.github/workflows/ci.yml': WF });
    const r = await cli(['.github/workflows/ci.yml', '--api-url', fake.url, '--debug']);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(fake.requests.every((q) => q.authenticated)).toBe(true);
    expect(await readFile(join(dir, '.github/workflows/ci.yml'), 'utf8')).toMatch(
      /uses: actions\/checkout@[0-9a-f]{40} # ratchet:actions\/checkout@v4/,
    );
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it.each([
    [
      'a rate limit far away',
      () =>
        fake.inject({
          action: { kind: 'rate-limit', reset: Math.floor(Date.now() / 1000) + 7200 },
        }),
    ],
    ['a 502 storm', () => fake.inject({ action: { kind: 'status', status: 502 } })],
    ['malformed JSON', () => fake.inject({ action: { kind: 'malformed' } })],
    ['an unknown repository', () => undefined],
  ])(
    'fails cleanly on %s, changes nothing, and keeps the token out of the output',
    async (_n, arrange) => {
      arrange();
      dir = await tempDir({
        '.github/workflows/ci.yml': WF.replace(
          'actions/checkout@v4',
          _n === 'an unknown repository' ? 'nobody/nothing@v1' : 'actions/checkout@v4',
        ),
      });
      const before = await snapshotDir(dir);
      const r = await cli(['.github', '--retries', '1', '--debug'], { GITHUB_API_URL: fake.url });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/\.github\/workflows\/ci\.yml:5:15: jobs\.a\.steps\[0\]\.uses: /);
      expect(r.stdout).toMatch(/FAILED.*no file was changed/);
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
      expect(await snapshotDir(dir)).toEqual(before);
    },
  );

  it('prints --help', async () => {
    dir = await tempDir();
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: pnpm pin/);
    expect(r.stdout).toMatch(/--absorb FILE/);
  });
});

describe('pin --check inside GitHub Actions', () => {
  it('reports an unpinned uses: as an annotation on its line', async () => {
    dir = await tempDir({ '.github/workflows/ci.yml': WF });
    const r = await cli(['--check'], { GITHUB_ACTIONS: 'true' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^::error file=\.github\/workflows\/ci\.yml,line=5,col=\d+[^:]*::.*actions\/checkout@v4/m,
    );
    expect(fake.count()).toBe(0);
  });
});
