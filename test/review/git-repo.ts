import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A git identity and no user/system config, so commits work on CI machines without one. */
export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Review Test',
  GIT_AUTHOR_EMAIL: 'review-test@example.invalid',
  GIT_COMMITTER_NAME: 'Review Test',
  GIT_COMMITTER_EMAIL: 'review-test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** A throw-away repository in the system temp directory. */
export class TempRepo {
  readonly dir = mkdtempSync(join(tmpdir(), 'wf-diff-'));

  constructor() {
    this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: GIT_ENV, encoding: 'utf8' });
  }

  write(path: string, text: string): void {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }

  remove(path: string): void {
    rmSync(join(this.dir, path), { force: true });
  }

  /** Replaces `.github/workflows/` with the files of a fixture folder. */
  useWorkflows(fixtureDir: string): void {
    rmSync(join(this.dir, '.github/workflows'), { recursive: true, force: true });
    for (const name of readdirSync(fixtureDir)) {
      this.write(`.github/workflows/${name}`, readFileSync(join(fixtureDir, name), 'utf8'));
    }
  }

  /** Commits everything; returns the new commit's SHA. */
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
