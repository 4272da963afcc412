// Runs the .github/actions scripts under bash against throwaway git repositories.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ACTIONS_DIR = fileURLToPath(new URL('../../.github/actions/', import.meta.url));
export const RELEASE_SH = join(ACTIONS_DIR, 'release.sh');
export const NOTES_SH = join(ACTIONS_DIR, 'create_release_and_archive.sh');

export interface ScriptResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * An environment that does not depend on the machine running the tests: no GITHUB_*,
 * RELEASE_* or GIT_* leaking in (tests may themselves run inside GitHub Actions), no global
 * git config, a private GnuPG home, and a fixed git identity so commits work on CI.
 */
export function cleanEnv(home: string, extra: Record<string, string | undefined> = {}) {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(GITHUB_|RELEASE_|GIT_|GNUPG)/.test(key)) continue;
    env[key] = value;
  }
  Object.assign(env, {
    HOME: home,
    GNUPGHOME: join(home, '.gnupg'),
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'OpenLLM Release Bot',
    GIT_AUTHOR_EMAIL: 'release-bot@example.com',
    GIT_COMMITTER_NAME: 'OpenLLM Release Bot',
    GIT_COMMITTER_EMAIL: 'release-bot@example.com',
    LC_ALL: 'C',
  });
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export function runBash(
  script: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): ScriptResult {
  const result = spawnSync('bash', [script, ...args], { cwd, env, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface RepoOptions {
  /** `[project] version` of openllm-python/pyproject.toml; null: no such file. */
  pyproject?: string | null;
  /** Top-level "version" of package.json; null: no such file. */
  packageJson?: string | null;
  /** Tags to create (annotated) on the initial commit. */
  tags?: string[];
}

/** A work tree on `main` with a bare `origin` it has been pushed to. */
export class ReleaseRepo {
  readonly root = mkdtempSync(join(tmpdir(), 'actions-scripts-'));
  readonly work = join(this.root, 'work');
  readonly origin = join(this.root, 'origin.git');
  readonly home = join(this.root, 'home');

  constructor(options: RepoOptions = {}) {
    mkdirSync(join(this.home, '.gnupg'), { recursive: true, mode: 0o700 });
    mkdirSync(this.work);
    this.git(this.root, 'init', '--quiet', '--bare', '-b', 'main', this.origin);
    this.git(this.work, 'init', '--quiet', '-b', 'main');
    this.write('README.md', '# OpenLLM\n');
    if (options.pyproject !== null) {
      this.write('openllm-python/pyproject.toml', pyprojectToml(options.pyproject ?? '0.3.5.dev0'));
    }
    if (options.packageJson !== null && options.packageJson !== undefined) {
      this.write('package.json', packageJson(options.packageJson));
    }
    this.git(this.work, 'add', '--all');
    this.git(this.work, 'commit', '--quiet', '-m', 'initial');
    for (const tag of options.tags ?? []) this.git(this.work, 'tag', '-a', tag, '-m', tag);
    this.git(this.work, 'remote', 'add', 'origin', this.origin);
    this.git(this.work, 'push', '--quiet', 'origin', 'main', '--tags');
  }

  env(extra: Record<string, string | undefined> = {}) {
    return cleanEnv(this.home, extra);
  }

  /** Runs release.sh in the work tree as GitHub Actions would, unsigned unless overridden. */
  release(args: string[], extra: Record<string, string | undefined> = {}): ScriptResult {
    return runBash(
      RELEASE_SH,
      args,
      this.work,
      this.env({ GITHUB_ACTIONS: 'true', RELEASE_SIGN: '0', ...extra }),
    );
  }

  git(cwd: string, ...args: string[]): string {
    const result = spawnSync('git', args, { cwd, env: this.env(), encoding: 'utf8' });
    if (result.error) throw result.error;
    if (result.status !== 0) {
      throw new Error(`git ${args.join(' ')} failed in ${cwd}:\n${result.stderr}`);
    }
    return result.stdout.trim();
  }

  /** git in the work tree. */
  wt(...args: string[]): string {
    return this.git(this.work, ...args);
  }

  /** git in the bare origin. */
  remote(...args: string[]): string {
    return this.git(this.origin, ...args);
  }

  tags(where: 'work' | 'origin' = 'work'): string[] {
    const out = this.git(where === 'work' ? this.work : this.origin, 'tag', '--list');
    return out === '' ? [] : out.split('\n');
  }

  write(path: string, text: string) {
    const file = join(this.work, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }

  read(path: string): string {
    return readFileSync(join(this.work, path), 'utf8');
  }

  cleanup() {
    spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: this.env() });
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** A pyproject with decoy `version` keys outside [project], before and after it. */
export function pyprojectToml(version: string): string {
  return [
    '[build-system]',
    'requires = ["hatchling"]',
    'build-backend = "hatchling.build"',
    '',
    '[tool.decoy]',
    'version = "9.9.9"',
    '',
    '[project]',
    'name = "openllm"',
    'keywords = [',
    '  ["an", "array", "that", "looks", "like", "a", "table", "header"]',
    ']',
    `version = "${version}"`,
    'requires-python = ">=3.8"',
    '',
    '[tool.towncrier]',
    'version = "0.0.0-decoy"',
    '',
  ].join('\n');
}

/** A package.json with a nested decoy "version" before the top-level one. */
export function packageJson(version: string): string {
  return (
    JSON.stringify(
      {
        name: '@bentoml/openllm-monorepo',
        engines: { node: { version: '>=18' } },
        version,
        private: true,
      },
      null,
      2,
    ) + '\n'
  );
}
