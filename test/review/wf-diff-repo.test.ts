/**
 * `wf diff` on a real git history: the 2023-era workflows (fixtures/base), then a modernising
 * commit with one real change of every reviewer-relevant kind (fixtures/head), then a commit that
 * only touches step scripts and env (nothing a reviewer must notice). Runs both the function and
 * the CLI (`tsx scripts/cli.ts wf diff`) with its cwd inside the temporary repository.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../scripts/review/format-json.ts';
import type { Change, ReviewReport, WorkflowReport } from '../../scripts/review/report.ts';
import wf from '../../scripts/commands/wf.ts';
import { reviewWorkingTree } from '../../scripts/review/review-diff.ts';
import { FIXTURES, GIT_ENV, TempRepo } from './git-repo.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'scripts/cli.ts');

let repo: TempRepo;
let base: string; // the 2023 commit
let head: string; // the modernising commit

function cli(args: string[], cwd = repo.dir) {
  const env = { ...GIT_ENV };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.GITHUB_ACTIONS;
  const r = spawnSync(TSX, [CLI, 'wf', ...args], { cwd, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workflow(report: ReviewReport | JsonReport, file: string): WorkflowReport {
  const wf = report.workflows.find((w) => w.file === `.github/workflows/${file}`);
  if (!wf)
    throw new Error(`expected ${file} in the report, got ${report.workflows.map((w) => w.file)}`);
  return wf;
}

function changes<K extends Change['kind']>(wf: WorkflowReport, kind: K) {
  return wf.changes.filter((c): c is Extract<Change, { kind: K }> => c.kind === kind);
}

beforeAll(() => {
  repo = new TempRepo();
  repo.write('README.md', '# OpenLLM\n');
  repo.useWorkflows(join(FIXTURES, 'base'));
  base = repo.commit('ci: workflows as of August 2023');
  repo.useWorkflows(join(FIXTURES, 'head'));
  head = repo.commit('ci: modernise workflows');
  // Only a step script and an env value: a text diff, but nothing for the reviewer checklist.
  const ci = readFileSync(join(repo.dir, '.github/workflows/ci.yml'), 'utf8');
  repo.write(
    '.github/workflows/ci.yml',
    ci
      .replace('hyperfine -m 100 --warmup 10 openllm', 'hyperfine -m 50 --warmup 5 openllm')
      .replace("HYPERFINE_VERSION: '1.12.0'", "HYPERFINE_VERSION: '1.18.0'"),
  );
  repo.commit('ci: faster benchmark');
});

afterAll(() => repo?.cleanup());

describe('reviewWorkingTree on a repository history', () => {
  let report: ReviewReport;
  beforeAll(async () => {
    const result = await reviewWorkingTree(repo.dir, base);
    expect(result.base.commit).toBe(base);
    report = result.report;
  });

  it('lists added, removed and modified workflows, sorted by file', () => {
    expect(report.workflows.map((w) => [w.file, w.status])).toEqual([
      ['.github/workflows/build.yml', 'modified'],
      ['.github/workflows/ci.yml', 'modified'],
      ['.github/workflows/cleanup.yml', 'removed'],
      ['.github/workflows/cron.yml', 'modified'],
      ['.github/workflows/release-notes.yml', 'added'],
    ]);
  });

  it('reports triggers added, changed (branches, paths-ignore, cron, inputs)', () => {
    const ci = changes(workflow(report, 'ci.yml'), 'trigger');
    expect(ci).toContainEqual({
      kind: 'trigger',
      change: 'added',
      event: 'pull_request_target',
      filters: [{ filter: 'types', status: 'added', added: ['labeled'], removed: [], changed: [] }],
      security: true,
    });
    expect(ci.find((t) => t.event === 'push')?.filters).toEqual([
      { filter: 'branches', status: 'changed', added: ['release/*'], removed: [], changed: [] },
    ]);
    expect(ci.find((t) => t.event === 'pull_request')?.filters).toEqual([
      {
        filter: 'paths-ignore',
        status: 'changed',
        added: ['openllm-node/**'],
        removed: ['bazel/**'],
        changed: [],
      },
    ]);
    const cron = changes(workflow(report, 'cron.yml'), 'trigger');
    expect(cron.find((t) => t.event === 'schedule')?.filters).toEqual([
      {
        filter: 'cron',
        status: 'changed',
        added: ['42 2 * * MON-THU'],
        removed: ['42 2 * * SUN-WED'],
        changed: [],
      },
    ]);
    expect(cron.find((t) => t.event === 'workflow_dispatch')?.filters).toEqual([
      {
        filter: 'inputs',
        status: 'added',
        added: ['dry-run (boolean, default: false)'],
        removed: [],
        changed: [],
      },
    ]);
  });

  it('reports permissions widened at job level and narrowed at workflow level', () => {
    const build = changes(workflow(report, 'build.yml'), 'permissions');
    expect(build.find((p) => p.job === 'build-and-push-image')).toMatchObject({
      direction: 'widened',
      security: true,
      scopes: [
        { scope: 'id-token', before: 'none', after: 'write' },
        { scope: 'security-events', before: 'none', after: 'write' },
      ],
    });
    // The new start-runner job has no permissions anywhere: it gets the default token.
    expect(build.find((p) => p.job === 'start-runner')).toMatchObject({
      direction: 'new',
      after: { kind: 'default' },
      security: true,
    });
    const ci = changes(workflow(report, 'ci.yml'), 'permissions');
    expect(ci.find((p) => p.job === undefined)).toMatchObject({
      direction: 'narrowed',
      before: { kind: 'default' },
      after: { kind: 'scopes', scopes: { contents: 'read' } },
      security: false,
    });
  });

  it('reports jobs added, removed (with the removed workflow) and renamed check names', () => {
    const ci = changes(workflow(report, 'ci.yml'), 'job');
    expect(ci).toContainEqual(
      expect.objectContaining({
        change: 'added',
        job: 'coverage',
        checkName: { after: 'report-coverage' },
      }),
    );
    expect(ci).toContainEqual(
      expect.objectContaining({
        change: 'renamed',
        job: 'cli-benchmark',
        checkName: { before: 'Check for CLI responsiveness', after: 'Check CLI responsiveness' },
      }),
    );
    expect(changes(workflow(report, 'cleanup.yml'), 'job')).toEqual([
      {
        kind: 'job',
        change: 'removed',
        job: 'cleanup',
        checkName: { before: 'cleanup' },
        security: false,
      },
    ]);
  });

  it('reports runners changed, flagging a move to self-hosted', () => {
    expect(changes(workflow(report, 'ci.yml'), 'runner')).toEqual([
      {
        kind: 'runner',
        job: 'brew-dry-run',
        before: 'macos-12',
        after: 'macos-14',
        security: false,
      },
    ]);
    expect(changes(workflow(report, 'build.yml'), 'runner')).toEqual([
      {
        kind: 'runner',
        job: 'build-and-push-image',
        before: 'ubuntu-latest',
        after: '[self-hosted, linux, x64, gpu]',
        security: true,
      },
    ]);
  });

  it('reports actions added (third-party flagged) and removed', () => {
    const build = changes(workflow(report, 'build.yml'), 'action');
    expect(build).toContainEqual({
      kind: 'action',
      change: 'added',
      action: 'aws-actions/configure-aws-credentials',
      thirdParty: true,
      pins: [
        {
          ref: '7474bc4690e29a8392af63c5b98e7449536d5c3a',
          sha: '7474bc4690e29a8392af63c5b98e7449536d5c3a',
          constraint: 'v4',
        },
      ],
      jobs: ['start-runner'],
      security: true,
    });
    expect(build).toContainEqual(
      expect.objectContaining({
        change: 'removed',
        action: 'docker/setup-qemu-action',
        security: false,
      }),
    );
    const ci = changes(workflow(report, 'ci.yml'), 'action');
    expect(ci.map((a) => [a.change, a.action, a.security])).toEqual([
      ['added', 'actions/download-artifact', false],
      ['added', 'marocchino/sticky-pull-request-comment', true],
    ]);
  });

  it('reports pins moved with constraint and SHA from the ratchet comments', () => {
    expect(changes(workflow(report, 'cron.yml'), 'pin')).toContainEqual({
      kind: 'pin',
      action: 'peter-evans/create-pull-request',
      before: [
        {
          ref: '4e1beaa7521e8b457b572c090b25bd3db56bf1c5',
          sha: '4e1beaa7521e8b457b572c090b25bd3db56bf1c5',
          constraint: 'v5',
        },
      ],
      after: [
        {
          ref: '22a9089034f40e5a961c8808d113e2c98fb63676',
          sha: '22a9089034f40e5a961c8808d113e2c98fb63676',
          constraint: 'v7',
        },
      ],
      security: false,
    });
    expect(changes(workflow(report, 'ci.yml'), 'pin').map((p) => p.action)).toEqual([
      'actions/checkout',
      'actions/upload-artifact',
    ]);
  });

  it('reports secrets newly referenced, not the ones already used', () => {
    expect(changes(workflow(report, 'build.yml'), 'secret')).toEqual([
      { kind: 'secret', secret: 'AWS_PROD_ACCESS_KEY_ID', where: ['start-runner'], security: true },
      {
        kind: 'secret',
        secret: 'AWS_PROD_SECRET_ACCESS_KEY',
        where: ['start-runner'],
        security: true,
      },
    ]);
    expect(changes(workflow(report, 'ci.yml'), 'secret').map((s) => s.secret)).toEqual([
      'CODECOV_COMMENT_TOKEN',
    ]);
  });

  it('reports the new workflow in full: triggers, permissions, jobs, actions', () => {
    const wf = workflow(report, 'release-notes.yml');
    expect(wf.name).toEqual({ after: 'release-notes' });
    expect(changes(wf, 'trigger').map((t) => [t.change, t.event])).toEqual([
      ['added', 'workflow_call'],
      ['added', 'workflow_dispatch'],
    ]);
    expect(changes(wf, 'permissions')).toEqual([
      {
        kind: 'permissions',
        direction: 'new',
        after: { kind: 'scopes', scopes: { contents: 'write' } },
        scopes: [],
        security: true,
      },
    ]);
    expect(
      changes(wf, 'action').find((a) => a.action === 'softprops/action-gh-release')?.security,
    ).toBe(true);
  });

  it('finds nothing to report when only step scripts and env changed', async () => {
    const { report } = await reviewWorkingTree(repo.dir, 'HEAD~1');
    expect(report.workflows).toEqual([]);
  });

  it('accepts any ref (tag, SHA) and works from a sub-directory', async () => {
    repo.git('tag', 'v0.2.0', head);
    mkdirSync(join(repo.dir, 'openllm-python'), { recursive: true });
    const byTag = await reviewWorkingTree(join(repo.dir, 'openllm-python'), 'v0.2.0');
    expect(byTag.base.commit).toBe(head);
    expect(byTag.report.workflows).toEqual([]);
    const bySha = await reviewWorkingTree(repo.dir, base.slice(0, 10));
    expect(bySha.report.workflows).toHaveLength(5);
  });

  it('reads the working tree, including uncommitted edits and deletions', async () => {
    const cron = join(repo.dir, '.github/workflows/cron.yml');
    const text = readFileSync(cron, 'utf8');
    try {
      repo.write(
        '.github/workflows/cron.yml',
        text.replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-24.04'),
      );
      repo.remove('.github/workflows/release-notes.yml');
      const { report } = await reviewWorkingTree(repo.dir, 'HEAD');
      expect(report.workflows.map((w) => [w.file, w.status])).toEqual([
        ['.github/workflows/cron.yml', 'modified'],
        ['.github/workflows/release-notes.yml', 'removed'],
      ]);
      expect(changes(workflow(report, 'cron.yml'), 'runner')).toEqual([
        {
          kind: 'runner',
          job: 'update-actions',
          before: 'ubuntu-latest',
          after: 'ubuntu-24.04',
          security: false,
        },
      ]);
    } finally {
      repo.git('checkout', '--', '.github/workflows');
    }
  });
});

describe('tsx scripts/cli.ts wf diff (child process, cwd in the repository)', () => {
  it('prints plain text grouped per workflow file when stdout is not a terminal', () => {
    const r = cli(['diff', base]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).not.toMatch(/\x1b\[/); // no colour codes in a pipe
    expect(out).toContain(`Workflow changes since ${base} (${base.slice(0, 12)}):`);
    const sections = out.split('\n\n');
    const ci = sections.find((s) => s.startsWith('.github/workflows/ci.yml'))!;
    expect(ci.split('\n')[0]).toBe('.github/workflows/ci.yml "Continuous Integration" (modified)');
    expect(ci).toContain('  Triggers\n');
    expect(ci).toContain('    + ⚠ pull_request_target — types: labeled — runs with secrets');
    expect(ci).toContain('    ~ push — branches: +release/*');
    expect(ci).toContain('    ~ pull_request — paths-ignore: +openllm-node/**, −bazel/**');
    expect(ci).toContain(
      '    ~ narrowed workflow: default token (repository setting) → contents: read',
    );
    expect(ci).toContain('    + ⚠ job coverage: contents: read, pull-requests: write');
    expect(ci).toContain(
      '    ~ cli-benchmark — check "Check for CLI responsiveness" → "Check CLI responsiveness"',
    );
    expect(ci).toContain('    + coverage — check "report-coverage", runs on ubuntu-latest');
    expect(ci).toContain('    ~ brew-dry-run: macos-12 → macos-14');
    expect(ci).toContain('    ~ actions/checkout: v3 @ c85c95e3d725 → v4 @ 11d5960a3267');
    expect(ci).toContain(
      '    + ⚠ marocchino/sticky-pull-request-comment v2 @ 773744901bac in coverage — third-party',
    );
    expect(ci).toContain('    + ⚠ CODECOV_COMMENT_TOKEN in coverage');
    const build = sections.find((s) => s.startsWith('.github/workflows/build.yml'))!;
    expect(build).toContain(
      '    ~ ⚠ widened job build-and-push-image: id-token: none → write, security-events: none → write',
    );
    expect(build).toContain(
      '    + ⚠ job start-runner: default token (repository setting) — no `permissions:` block',
    );
    expect(build).toContain('    - docker/setup-qemu-action in build-and-push-image');
    expect(build).toContain(
      '    ~ ⚠ build-and-push-image: ubuntu-latest → [self-hosted, linux, x64, gpu] — now self-hosted',
    );
    const cleanup = sections.find((s) => s.startsWith('.github/workflows/cleanup.yml'))!;
    expect(cleanup).toContain('"Cleanup PR cache" (removed)');
    expect(cleanup).toContain('    - cleanup — check "cleanup" will no longer be reported');
    const cron = sections.find((s) => s.startsWith('.github/workflows/cron.yml'))!;
    expect(cron).toContain('    ~ schedule — cron: +42 2 * * MON-THU, −42 2 * * SUN-WED');
    expect(cron).toContain(
      '    ~ workflow_dispatch — inputs filter added: dry-run (boolean, default: false)',
    );
    expect(cron).toContain(
      '    ~ peter-evans/create-pull-request: v5 @ 4e1beaa7521e → v7 @ 22a9089034f4',
    );
    expect(sections.find((s) => s.startsWith('.github/workflows/release-notes.yml'))).toContain(
      '"release-notes" (added)',
    );
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      '5 workflow files (1 added, 1 removed, 3 modified); 12 security-relevant (⚠)',
    );
  });

  it('colours the text when stdout is a terminal, and not with --no-color', async () => {
    const run = async (argv: string[]) => {
      let out = '';
      const code = await wf.run(argv, {
        cwd: repo.dir,
        env: GIT_ENV,
        stdout: (t) => (out += t),
        stderr: (t) => (out += t),
        isTTY: true,
        debug: false,
      });
      return { code, out };
    };
    const tty = await run(['diff', base]);
    expect(tty.code).toBe(0);
    expect(tty.out).toContain('\x1b[1m.github/workflows/ci.yml\x1b[22m');
    expect(tty.out).toContain('\x1b[32m+\x1b[39m'); // a green "added" marker
    expect((await run(['diff', base, '--no-color'])).out).not.toMatch(/\x1b\[/);
  });

  it('colours the text with --color', () => {
    const r = cli(['diff', base, '--color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\x1b[1m.github/workflows/build.yml\x1b[22m');
  });

  it('--format markdown gives headings per workflow, bullets, a pin table and ⚠ markers', () => {
    const r = cli(['diff', base, '--format', 'markdown']);
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md.startsWith(`## Workflow review: changes since \`${base}\``)).toBe(true);
    expect(md).toContain('### `.github/workflows/ci.yml` — Continuous Integration (modified)');
    expect(md).toContain('### `.github/workflows/release-notes.yml` — release-notes (added)');
    expect(md).toContain('### `.github/workflows/cleanup.yml` — Cleanup PR cache (removed)');
    expect(md).toContain('- ⚠ **added** `pull_request_target` — types: `labeled`');
    expect(md).toContain('- ⚠ **widened** job `build-and-push-image`: id-token: none → write');
    expect(md).toContain('- ⚠ **added** `AWS_PROD_ACCESS_KEY_ID` in `start-runner`');
    expect(md).toContain(
      '- ⚠ **added** `softprops/action-gh-release` `v2` @ `3bb12739c298aeb8a4eeaf626c5b8d85266b0e65` in `gen-release-notes` — third-party',
    );
    expect(md).toContain('- **removed** `cleanup` — check `cleanup` will no longer be reported');
    expect(md).toContain(
      '- **renamed** `cli-benchmark` — check `Check for CLI responsiveness` → `Check CLI responsiveness`',
    );
    expect(md).toContain(
      '| Action | Constraint | Old SHA | New SHA |\n| --- | --- | --- | --- |\n',
    );
    expect(md).toContain(
      '| `peter-evans/create-pull-request` | `v5` → `v7` | `4e1beaa7521e8b457b572c090b25bd3db56bf1c5` | `22a9089034f40e5a961c8808d113e2c98fb63676` |',
    );
    // A narrowing is not a security item: no ⚠ on it.
    expect(md).toContain(
      '- **narrowed** workflow: default token (repository setting) → contents: read',
    );
  });

  it('--format json gives the typed report with base and summary', () => {
    const r = cli(['diff', base, '--format=json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as JsonReport;
    expect(Object.keys(json)).toEqual(['version', 'base', 'summary', 'workflows']);
    expect(json.version).toBe(1);
    expect(json.base).toEqual({ ref: base, commit: base });
    expect(json.summary).toEqual({
      files: 5,
      added: 1,
      removed: 1,
      modified: 3,
      securityRelevant: 12,
    });
    const kinds = new Set(json.workflows.flatMap((w) => w.changes.map((c) => c.kind)));
    expect([...kinds].sort()).toEqual([
      'action',
      'job',
      'permissions',
      'pin',
      'runner',
      'secret',
      'trigger',
    ]);
    expect(changes(workflow(json, 'ci.yml'), 'pin')[0]).toEqual({
      kind: 'pin',
      action: 'actions/checkout',
      before: [
        {
          ref: 'c85c95e3d7251135ab7dc9ce3241c5835cc595a9',
          sha: 'c85c95e3d7251135ab7dc9ce3241c5835cc595a9',
          constraint: 'v3',
        },
      ],
      after: [
        {
          ref: '11d5960a326750d5838078e36cf38b85af677262',
          sha: '11d5960a326750d5838078e36cf38b85af677262',
          constraint: 'v4',
        },
      ],
      security: false,
    });
  });

  it('says so and exits 0 when there is nothing to report, in every format', () => {
    const text = cli(['diff', 'HEAD~1']);
    expect(text.code).toBe(0);
    expect(text.stdout.trim()).toBe('No reviewer-relevant changes in .github/workflows');
    const md = cli(['diff', 'HEAD~1', '--format', 'markdown']);
    expect(md.stdout.trim()).toBe(
      'No reviewer-relevant changes in .github/workflows (compared with `HEAD~1`).',
    );
    const json = JSON.parse(cli(['diff', 'HEAD~1', '--format', 'json']).stdout) as JsonReport;
    expect(json.workflows).toEqual([]);
    expect(json.summary.files).toBe(0);
  });

  it('falls back from a missing origin/main with a note, and uses origin/main once it exists', () => {
    const fallback = cli(['diff']);
    expect(fallback.code).toBe(0);
    expect(fallback.stderr).toContain('note: origin/main does not exist here');
    expect(fallback.stderr).toContain('comparing with main instead');
    expect(fallback.stdout.trim()).toBe('No reviewer-relevant changes in .github/workflows');
    repo.git('update-ref', 'refs/remotes/origin/main', base);
    try {
      const r = cli(['diff']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('Workflow changes since origin/main');
      expect(r.stdout).toContain('5 workflow files');
    } finally {
      repo.git('update-ref', '-d', 'refs/remotes/origin/main');
    }
  });

  it('exits 2 with a clear message for a bad BASE or bad usage', () => {
    const bad = cli(['diff', 'no-such-branch']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('error: wf diff: "no-such-branch" is not a commit in');
    const option = cli(['diff', '--format', 'html']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('unknown format "html": use text, markdown, json');
  });

  it('has --help for wf and wf diff', () => {
    for (const args of [['--help'], ['diff', '--help']]) {
      const r = cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: pnpm wf diff [BASE] [--format text|markdown|json]');
      expect(r.stdout).toContain('default: origin/main');
    }
  });
});
