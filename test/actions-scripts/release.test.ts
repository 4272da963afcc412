import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RELEASE_SH, ReleaseRepo, runBash, type RepoOptions } from './fixture.ts';

const repos: ReleaseRepo[] = [];
function repo(options: RepoOptions = {}): ReleaseRepo {
  const r = new ReleaseRepo(options);
  repos.push(r);
  return r;
}
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

/** What a refused run must leave alone: HEAD, tags (local and origin) and the manifest. */
function snapshotState(r: ReleaseRepo) {
  return {
    head: r.wt('rev-parse', 'HEAD'),
    tags: r.tags(),
    originTags: r.tags('origin'),
    pyproject: r.read('openllm-python/pyproject.toml'),
  };
}

describe('release.sh refusals', () => {
  it('is executable, so the workflow can run it as ./.github/actions/release.sh', () => {
    expect(statSync(RELEASE_SH).mode & 0o111).not.toBe(0);
  });

  it('refuses to run outside GitHub Actions and changes nothing', () => {
    const r = repo({ tags: ['v0.3.4'] });
    const before = snapshotState(r);
    for (const value of [undefined, 'false', '']) {
      const res = r.release(['--release', 'patch'], { GITHUB_ACTIONS: value });
      expect(res.status, `GITHUB_ACTIONS=${value}`).toBe(1);
      expect(res.stderr).toMatch(/refusing to run outside GitHub Actions/);
      expect(res.stdout).toBe('');
    }
    expect(snapshotState(r)).toEqual(before);
  });

  it('rejects a missing --release with usage on stderr (exit 2)', () => {
    const r = repo();
    const res = r.release([]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/missing --release major\|minor\|patch/);
    expect(res.stderr).toMatch(/^Usage: release\.sh --release major\|minor\|patch$/m);
    expect(r.tags()).toEqual([]);
  });

  it.each([['huge'], ['Patch'], ['1.2.3'], ['']])('rejects --release %j (exit 2)', (value) => {
    const r = repo();
    const before = snapshotState(r);
    const res = r.release(['--release', value]);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain(
      value === '' ? 'missing --release' : `invalid --release '${value}'`,
    );
    expect(res.stderr).toMatch(/^Usage:/m);
    expect(snapshotState(r)).toEqual(before);
  });

  it('rejects --release without a value and unknown arguments (exit 2)', () => {
    const r = repo();
    expect(r.release(['--release']).stderr).toMatch(/--release needs a value/);
    expect(r.release(['--release']).status).toBe(2);
    const extra = r.release(['--release', 'patch', '--force']);
    expect(extra.status).toBe(2);
    expect(extra.stderr).toMatch(/unexpected argument '--force'/);
    expect(r.tags()).toEqual([]);
  });

  it('validates arguments before the Actions check, so local misuse shows the usage', () => {
    const r = repo();
    const res = r.release(['--release', 'nope'], { GITHUB_ACTIONS: undefined });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/^Usage:/m);
  });

  it('prints help on stdout with --help (exit 0), even outside Actions', () => {
    const r = repo();
    const res = r.release(['--help'], { GITHUB_ACTIONS: undefined });
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^Usage: release\.sh --release major\|minor\|patch$/m);
  });

  it('refuses a work tree with uncommitted changes', () => {
    const r = repo({ tags: ['v0.3.4'] });
    r.write('README.md', '# changed\n');
    const res = r.release(['--release', 'patch']);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/::error title=release\.sh::.*uncommitted changes/);
    expect(r.tags()).toEqual(['v0.3.4']);
  });

  it('refuses when neither a tag nor a manifest gives the current version', () => {
    const r = repo({ pyproject: null });
    const res = r.release(['--release', 'patch']);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/no vX\.Y\.Z tag and no manifest declares a version/);
    expect(r.tags()).toEqual([]);
  });

  it('refuses a manifest version it cannot bump, naming the file', () => {
    const r = repo({ pyproject: '0.4.0rc1' });
    const res = r.release(['--release', 'patch']);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(
      /openllm-python\/pyproject\.toml: version '0\.4\.0rc1' is not X\.Y\.Z or X\.Y\.Z\.devN/,
    );
    expect(r.tags()).toEqual([]);
  });

  it('rejects a malformed RELEASE_SIGN instead of guessing', () => {
    const r = repo({ tags: ['v0.3.4'] });
    const res = r.release(['--release', 'patch'], { RELEASE_SIGN: 'maybe' });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/RELEASE_SIGN must be 0 or 1, got 'maybe'/);
    expect(r.tags()).toEqual(['v0.3.4']);
  });
});

describe('release.sh version bump', () => {
  // [case, manifest version, existing tags, release type, expected release version]
  const cases: Array<[string, string | null, string[], 'major' | 'minor' | 'patch', string]> = [
    ['released version, patch', '0.3.4', ['v0.3.4'], 'patch', '0.3.5'],
    ['released version, minor', '0.3.4', ['v0.3.4'], 'minor', '0.4.0'],
    ['released version, major', '0.3.4', ['v0.3.4'], 'major', '1.0.0'],
    ['dev version, patch releases it as is', '0.3.5.dev0', ['v0.3.4'], 'patch', '0.3.5'],
    ['dev version, minor', '0.3.5.dev0', ['v0.3.4'], 'minor', '0.4.0'],
    ['dev version, major', '0.3.5.dev0', ['v0.3.4'], 'major', '1.0.0'],
    ['dev of a minor, minor releases it as is', '0.4.0.dev3', ['v0.3.9'], 'minor', '0.4.0'],
    ['dev of a major, major releases it as is', '1.0.0.dev0', ['v0.9.2'], 'major', '1.0.0'],
    ['dev version already tagged: the tag wins', '0.3.5.dev0', ['v0.3.5'], 'patch', '0.3.6'],
    ['stale manifest: the newer tag wins', '0.1.0', ['v0.1.0', 'v0.3.4'], 'patch', '0.3.5'],
    ['newer manifest than tags: the manifest wins', '0.5.0', ['v0.3.4'], 'patch', '0.5.1'],
    [
      'tags compare as versions, not text',
      '0.0.1',
      ['v0.9.12', 'v0.10.0', 'v0.2.0'],
      'patch',
      '0.10.1',
    ],
    ['first release from a manifest alone', '0.1.0.dev0', [], 'patch', '0.1.0'],
  ];

  it.each(cases)('%s: %s + %j --release %s -> %s', (_name, manifest, tags, kind, expected) => {
    const r = repo({ pyproject: manifest, packageJson: manifest, tags });
    const before = r.wt('rev-parse', 'HEAD');
    const res = r.release(['--release', kind]);
    expect(res.stderr).not.toMatch(/::error/);
    expect(res.status).toBe(0);

    const tag = `v${expected}`;
    // Annotated tag on a new release commit that is HEAD, with both manifests updated.
    expect(r.tags()).toEqual(expect.arrayContaining([...tags, tag]));
    expect(r.wt('cat-file', '-t', tag)).toBe('tag');
    expect(r.wt('rev-parse', `${tag}^{commit}`)).toBe(r.wt('rev-parse', 'HEAD'));
    expect(r.wt('rev-parse', 'HEAD^')).toBe(before);
    expect(r.wt('log', '-1', '--format=%s')).toBe(
      `infra: prepare for release ${expected} [generated] [skip ci]`,
    );
    expect(r.read('openllm-python/pyproject.toml')).toContain(`\nversion = "${expected}"\n`);
    expect(JSON.parse(r.read('package.json')).version).toBe(expected);
    expect(res.stdout).toContain(`::notice title=release.sh::released ${tag} (${kind} release`);
  });

  it('changes only the version lines of the manifests (decoys and layout untouched)', () => {
    const r = repo({ pyproject: '0.3.5.dev0', packageJson: '0.3.5.dev0', tags: ['v0.3.4'] });
    const res = r.release(['--release', 'patch']);
    expect(res.status).toBe(0);
    const diff = r.wt('diff', '--unified=0', 'HEAD^', 'HEAD');
    const changed = diff.split('\n').filter((l) => /^[+-][^+-]/.test(l));
    expect(changed).toEqual([
      '-version = "0.3.5.dev0"',
      '+version = "0.3.5"',
      '-  "version": "0.3.5.dev0",',
      '+  "version": "0.3.5",',
    ]);
    expect(r.read('openllm-python/pyproject.toml')).toContain('version = "9.9.9"');
    expect(JSON.parse(r.read('package.json')).engines.node.version).toBe('>=18');
  });

  it('updates only the manifests that exist', () => {
    const r = repo({ pyproject: '0.3.5.dev0', packageJson: null, tags: ['v0.3.4'] });
    expect(r.release(['--release', 'patch']).status).toBe(0);
    expect(r.wt('show', '--name-only', '--format=', 'HEAD')).toBe('openllm-python/pyproject.toml');
  });

  it('with a dynamic (tag-derived) version, tags HEAD without a release commit', () => {
    const r = repo({ pyproject: null, tags: ['v0.3.4'] });
    r.write(
      'openllm-python/pyproject.toml',
      '[project]\nname = "openllm"\ndynamic = ["version"]\n',
    );
    r.wt('add', '--all');
    r.wt('commit', '--quiet', '-m', 'dynamic version');
    const head = r.wt('rev-parse', 'HEAD');
    const res = r.release(['--release', 'minor']);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('tagging HEAD without a release commit');
    expect(r.wt('rev-parse', 'HEAD')).toBe(head);
    expect(r.wt('rev-parse', 'v0.4.0^{commit}')).toBe(head);
  });
});

describe('release.sh publishing', () => {
  it('pushes the release commit to main and the tag to origin', () => {
    const r = repo({ tags: ['v0.3.4'] });
    const res = r.release(['--release', 'patch']);
    expect(res.status).toBe(0);
    expect(r.tags('origin')).toEqual(['v0.3.4', 'v0.3.5']);
    expect(r.remote('rev-parse', 'refs/heads/main')).toBe(r.wt('rev-parse', 'HEAD'));
    expect(r.remote('rev-parse', 'v0.3.5^{commit}')).toBe(r.wt('rev-parse', 'HEAD'));
  });

  it('pushes to RELEASE_BRANCH when set', () => {
    const r = repo({ tags: ['v0.3.4'] });
    expect(r.release(['--release', 'patch'], { RELEASE_BRANCH: 'release' }).status).toBe(0);
    expect(r.remote('rev-parse', 'refs/heads/release')).toBe(r.wt('rev-parse', 'HEAD'));
    expect(r.remote('rev-parse', 'refs/heads/main')).toBe(r.wt('rev-parse', 'HEAD^'));
  });

  it('with RELEASE_DRY_RUN=1, commits and tags locally but pushes nothing', () => {
    const r = repo({ tags: ['v0.3.4'] });
    const originMain = r.remote('rev-parse', 'refs/heads/main');
    const res = r.release(['--release', 'patch'], { RELEASE_DRY_RUN: '1' });
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/RELEASE_DRY_RUN=1: not pushing/);
    expect(r.tags()).toContain('v0.3.5');
    expect(r.tags('origin')).toEqual(['v0.3.4']);
    expect(r.remote('rev-parse', 'refs/heads/main')).toBe(originMain);
  });

  it('sees tags that exist only on origin (a shallow checkout has none locally)', () => {
    const r = repo({ pyproject: '0.3.5.dev0', tags: ['v0.3.4'] });
    // Someone already released 0.3.5 from another clone.
    r.wt('tag', '-a', 'v0.3.5', '-m', 'v0.3.5');
    r.wt('push', '--quiet', 'origin', 'v0.3.5');
    r.wt('tag', '-d', 'v0.3.5');
    const res = r.release(['--release', 'patch']);
    expect(res.status).toBe(0);
    expect(r.tags('origin')).toContain('v0.3.6');
  });

  it('pushes atomically: a rejected branch push leaves the tag unpublished', () => {
    const r = repo({ tags: ['v0.3.4'] });
    // origin/main moves on, so pushing our release commit to main is not a fast-forward.
    const other = join(r.root, 'other');
    r.git(r.root, 'clone', '--quiet', r.origin, other);
    writeFileSync(join(other, 'NEWS'), 'x\n');
    r.git(other, 'add', 'NEWS');
    r.git(other, 'commit', '--quiet', '-m', 'concurrent change');
    r.git(other, 'push', '--quiet', 'origin', 'HEAD:main');

    const res = r.release(['--release', 'patch']);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/::error title=release\.sh::push to origin failed/);
    expect(r.tags('origin')).toEqual(['v0.3.4']);
  });

  it('writes version and tag to GITHUB_OUTPUT and a line to the step summary', () => {
    const r = repo({ tags: ['v0.3.4'] });
    const output = join(r.root, 'output');
    const summary = join(r.root, 'summary');
    writeFileSync(output, 'earlier=1\n');
    const res = r.release(['--release', 'minor'], {
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(res.status).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('earlier=1\nversion=0.4.0\ntag=v0.4.0\n');
    expect(readFileSync(summary, 'utf8')).toContain('v0.4.0');
  });

  it('prints balanced ::group:: sections for the Actions log', () => {
    const r = repo({ tags: ['v0.3.4'] });
    const res = r.release(['--release', 'patch']);
    expect(res.status).toBe(0);
    const markers = res.stdout
      .split('\n')
      .filter((l) => l.startsWith('::group::') || l === '::endgroup::');
    expect(markers).toEqual([
      '::group::Current version',
      '::endgroup::',
      '::group::Update manifests to 0.3.5',
      '::endgroup::',
      '::group::Commit and tag v0.3.5',
      '::endgroup::',
      '::group::Push to origin',
      '::endgroup::',
    ]);
    expect(res.stdout).toContain('patch release: 0.3.5.dev0 -> 0.3.5');
  });
});

const hasGpg = spawnSync('gpg', ['--version']).status === 0;

describe('release.sh signing (the default)', () => {
  it('fails rather than release unsigned when no signing key is available', () => {
    const r = repo({ tags: ['v0.3.4'] });
    const res = r.release(['--release', 'patch'], { RELEASE_SIGN: undefined });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/::error title=release\.sh::git commit failed/);
    expect(r.tags()).toEqual(['v0.3.4']);
    expect(r.tags('origin')).toEqual(['v0.3.4']);
  });

  it.skipIf(!hasGpg)('signs the release commit and tag with the configured GPG key', () => {
    const r = repo({ tags: ['v0.3.4'] });
    const env = r.env();
    const gen = spawnSync(
      'gpg',
      ['--batch', '--passphrase', '', '--quick-gen-key', 'Release Bot <release-bot@example.com>'],
      { env, encoding: 'utf8' },
    );
    expect(gen.status, gen.stderr).toBe(0);
    r.wt('config', 'user.signingkey', 'release-bot@example.com');

    const res = r.release(['--release', 'patch'], { RELEASE_SIGN: undefined });
    expect(res.stderr).not.toMatch(/::error/);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('signed commit and tag v0.3.5');
    // verify-* exit non-zero for an unsigned object or a bad signature.
    expect(() => r.wt('verify-commit', 'HEAD')).not.toThrow();
    expect(() => r.wt('verify-tag', 'v0.3.5')).not.toThrow();
    expect(r.remote('cat-file', '-p', 'v0.3.5')).toContain('-----BEGIN PGP SIGNATURE-----');
  });

  it('with RELEASE_SIGN=0, makes an unsigned commit and annotated tag', () => {
    const r = repo({ tags: ['v0.3.4'] });
    expect(r.release(['--release', 'patch']).status).toBe(0);
    expect(r.wt('cat-file', '-p', 'v0.3.5')).not.toContain('PGP SIGNATURE');
    expect(r.wt('cat-file', '-p', 'HEAD')).not.toContain('gpgsig');
  });
});

it('runs from a subdirectory of the work tree', () => {
  const r = repo({ tags: ['v0.3.4'] });
  const res = runBash(
    RELEASE_SH,
    ['--release', 'patch'],
    join(r.work, 'openllm-python'),
    r.env({ GITHUB_ACTIONS: 'true', RELEASE_SIGN: '0' }),
  );
  expect(res.status).toBe(0);
  expect(r.tags()).toContain('v0.3.5');
});
