import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeProject, ROOT, sampleLock, type Project } from './project.ts';
import { cleanupSource } from './samples.ts';

let project: Project | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

/** Runs the real CLI as a maintainer or GitHub Actions would. */
function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts/cli.ts'), ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...env },
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const broken = cleanupSource.replace(
  "'runs-on': 'ubuntu-latest',",
  "'runs-on': 'ubuntu-latest', if: 'github.actor == \"me\"',",
);

describe('pnpm gen on the command line', () => {
  it('prints help with exit 0 and refuses unknown options with exit 2', async () => {
    project = await makeProject({}, sampleLock);
    const help = cli(['gen', '--help'], project.dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: pnpm gen \[--check\] \[--watch\]/);
    const bad = cli(['gen', '--frobnicate'], project.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--frobnicate'[^]*pnpm gen --help/);
  });

  it('inside GitHub Actions, reports errors as annotations on the TypeScript source line', async () => {
    project = await makeProject({ 'workflows-src/cleanup.ts': broken }, sampleLock);
    const r = cli(['gen'], project.dir, { GITHUB_ACTIONS: 'true' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^::error file=workflows-src\/cleanup\.ts,line=7,col=\d+,title=expression::jobs\.cleanup\.if: invalid expression: .*single quotes/m,
    );
  });

  it('on a terminal, reports file:line:col with a summary and no stack trace', async () => {
    project = await makeProject({ 'workflows-src/cleanup.ts': broken }, sampleLock);
    const r = cli(['gen'], project.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error workflows-src\/cleanup\.ts:7:\d+: jobs\.cleanup\.if: invalid expression/m,
    );
    expect(r.stderr).toMatch(/gen: 1 error, 0 warnings; nothing was written/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('gen --check exits 1 with a diff and the fix, 0 when fresh', async () => {
    project = await makeProject({ 'workflows-src/cleanup.ts': cleanupSource }, sampleLock);
    expect(cli(['gen'], project.dir).code).toBe(0);
    expect(cli(['gen', '--check'], project.dir).code).toBe(0);
    await project.write(
      'workflows-src/cleanup.ts',
      cleanupSource.replace('Cleanup PR cache', 'Renamed'),
    );
    const stale = cli(['gen', '--check'], project.dir);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('-name: Cleanup PR cache\n+name: Renamed');
    expect(stale.stderr).toMatch(/\.github\/workflows\/cleanup\.yml \(stale\)[^]*Run `pnpm gen`/);
  });
});
