import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRetired } from '../../scripts/lint/data/build-retired-actions.ts';
import { decodeRetired, retiredActions } from '../../scripts/lint/retired-data.ts';

const SNAPSHOT = '/work/shared/github-snapshot/repos';

describe.skipIf(!existsSync(SNAPSHOT))('retired-actions.json', () => {
  const repos = readdirSync(SNAPSHOT)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => JSON.parse(readFileSync(join(SNAPSHOT, n), 'utf8')));
  const file = buildRetired(repos);
  const built = { actions: decodeRetired(file) };

  it('is exactly what the generator builds from the recorded snapshot (regenerate, never hand-edit)', () => {
    const committed = readFileSync(
      join(import.meta.dirname, '../../scripts/lint/data/retired-actions.json'),
      'utf8',
    );
    expect(JSON.parse(committed)).toEqual(file);
    expect(retiredActions()).toEqual(built.actions);
  });

  it('stores sub-actions with an identical history once', () => {
    expect(file.actions['github/codeql-action/init']).toEqual({
      sameAs: 'github/codeql-action/upload-sarif',
    });
    expect(built.actions['github/codeql-action/init']).toEqual(
      built.actions['github/codeql-action/upload-sarif'],
    );
  });

  it('marks node16 and node12 versions by commit and by tag, from the recorded action.yml', () => {
    const checkout = built.actions['actions/checkout']!;
    // c85c95e… is v3.5.3, the commit the 2023 files pinned; its action.yml says node16.
    expect(checkout.shas['c85c95e3d7251135ab7dc9ce3241c5835cc595a9']).toBe('node16');
    expect(checkout.tags['v3']).toBe('node16');
    expect(checkout.tags['v2.8.0']).toBe('node12');
    // v4 runs on node20 and is not retired.
    expect(checkout.tags['v4']).toBeUndefined();
    expect(checkout.shas['11d5960a326750d5838078e36cf38b85af677262']).toBeUndefined();
  });

  it('infers older tags of a major from its newest retired release', () => {
    // v3.0.0 has no recorded action.yml, but v3.7.0 (same major, newer) runs on node16.
    expect(built.actions['actions/checkout']!.tags['v3.0.0']).toBe('node16');
  });

  it('treats every v1–v3 artifact action as retired regardless of runtime', () => {
    const download = built.actions['actions/download-artifact']!;
    expect(download.tags['v3.1.0']).toBe('artifacts-v3'); // recorded as node24, still shut down
    expect(download.shas['9bc31d5ccc31df68ecc42ccf4149144866c47d8a']).toBe('artifacts-v3');
    expect(download.tags['v4']).toBeUndefined();
    expect(download.replacement?.ref).toMatch(/^v\d+$/);
  });

  it('names the newest working major as the replacement, per sub-action', () => {
    expect(built.actions['github/codeql-action/upload-sarif']!.replacement).toEqual({
      ref: 'v4',
      runtime: 'node24',
    });
    // Composite and docker actions have no Node runtime to retire.
    expect(built.actions['re-actors/alls-green']).toBeUndefined();
    expect(built.actions['pypa/gh-action-pypi-publish']).toBeUndefined();
  });
});
