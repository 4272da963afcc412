import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanEnv, NOTES_SH, runBash } from './fixture.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'release-notes-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

// The script needs neither git nor GitHub Actions: release-notes.yml runs it in a checkout.
const run = (...args: string[]) => runBash(NOTES_SH, args, dir, cleanEnv(dir));
const notes = () => readFileSync(join(dir, 'release_notes.txt'), 'utf8');

describe('create_release_and_archive.sh refusals', () => {
  it('is executable, so the workflow can run it as ./.github/actions/...', () => {
    expect(statSync(NOTES_SH).mode & 0o111).not.toBe(0);
  });

  it('refuses to run without a tag: usage on stderr, exit 2, no file', () => {
    const res = run();
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/expected exactly one argument, the release tag \(got 0\)/);
    expect(res.stderr).toMatch(/^Usage: create_release_and_archive\.sh <tag>$/m);
    expect(existsSync(join(dir, 'release_notes.txt'))).toBe(false);
  });

  it('refuses extra arguments', () => {
    const res = run('v0.3.5', 'v0.3.6');
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/\(got 2\)/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([[''], ['latest'], ['v0.3'], ['vv0.3.5'], ['0.3.5; rm -rf /'], ['refs/tags/v0.3.5']])(
    'refuses %j, which is not a release tag, and keeps an existing notes file',
    (tag) => {
      writeFileSync(join(dir, 'release_notes.txt'), 'previous\n');
      const res = run(tag);
      expect(res.status).toBe(2);
      expect(res.stderr).toContain(`'${tag}' is not a release tag`);
      expect(notes()).toBe('previous\n');
    },
  );

  it('prints help on stdout with --help', () => {
    const res = run('--help');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^Usage: create_release_and_archive\.sh <tag>$/m);
  });
});

describe('create_release_and_archive.sh release notes', () => {
  it('writes install, upgrade, both images and the changelog for v0.3.5', () => {
    const res = run('v0.3.5');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('Wrote release_notes.txt for openllm 0.3.5 (tag v0.3.5)');
    const text = notes();
    const lines = text.split('\n');
    expect(lines).toContain('pip install openllm==0.3.5');
    expect(lines).toContain('pip install --upgrade openllm==0.3.5');
    // The images are tagged by docker/metadata-action's semver {{version}}: no "v".
    expect(text).toMatch(/^docker run .*ghcr\.io\/bentoml\/openllm:0\.3\.5\b/m);
    expect(text).toMatch(/^docker run .*ghcr\.io\/bentoml\/openllm-ui-clojure:0\.3\.5$/m);
    expect(text).toContain('https://github.com/bentoml/OpenLLM/blob/main/CHANGELOG.md');
    expect(text).not.toContain('v0.3.5');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('gives the same notes for a tag with or without the leading v', () => {
    expect(run('v0.4.0').status).toBe(0);
    const withV = notes();
    expect(run('0.4.0').status).toBe(0);
    expect(notes()).toBe(withV);
  });

  it('accepts pre-release versions', () => {
    expect(run('v0.4.0rc1').status).toBe(0);
    expect(notes()).toContain('pip install openllm==0.4.0rc1');
  });

  it('overwrites previous notes and leaves no temporary file behind', () => {
    writeFileSync(join(dir, 'release_notes.txt'), 'stale\n');
    expect(run('v1.2.3').status).toBe(0);
    expect(notes()).toContain('openllm==1.2.3');
    expect(notes()).not.toContain('stale');
    expect(readdirSync(dir)).toEqual(['release_notes.txt']);
  });

  it('keeps the full layout stable (backup snapshot for review)', () => {
    expect(run('v0.3.5').status).toBe(0);
    expect(notes()).toMatchSnapshot();
  });
});
