import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../scripts/core/diagnostics.ts';
import { findUsesSites, YamlSyntaxError, type UsesSite } from '../../scripts/pin/yaml-refs.ts';

const read = (name: string) => readFileSync(new URL(`./cases/${name}`, import.meta.url), 'utf8');

/** The source text at a site's 1-based position, as long as the value as written. */
function textAt(text: string, site: UsesSite): string {
  const line = text.split('\n')[site.line - 1]!;
  return line.slice(site.col - 1, site.col - 1 + site.raw.length + 2 * site.quote.length);
}

describe('findUsesSites', () => {
  it('finds steps, later keys, reusable-workflow jobs and composite steps with positions', () => {
    const text = read('steps.yml');
    const sites = findUsesSites(text);
    expect(sites.map((s) => [s.path, s.line, s.col, s.raw])).toEqual([
      ['jobs.lint.steps[0].uses', 16, 15, 'actions/checkout@v4'],
      ['jobs.lint.steps[1].uses', 20, 15, 'actions/setup-python@v5'],
      ['jobs.lint.steps[2].uses', 24, 15, './.github/actions/setup-repo'],
      ['jobs.lint.steps[3].uses', 25, 15, 'docker://alpine:3.18'],
      ['jobs.lint.steps[4].uses', 26, 15, 'actions/cache@v4'],
      ['jobs.build.steps[0].uses', 33, 23, 'docker/setup-buildx-action@v3'],
      ['jobs.build.steps[1].uses', 35, 21, 'docker/build-push-action@v5'],
      [
        'jobs.release.uses',
        39,
        11,
        'pypa/gh-action-pypi-publish/.github/workflows/release.yml@release/v1',
      ],
      ['jobs.dynamic.steps[0].uses', 44, 15, 'actions/${{ matrix.action }}@v4'],
      ['jobs.dynamic.steps[1].uses', 45, 15, 'aquasecurity/trivy-action@master'],
    ]);
    for (const s of sites) expect(textAt(text, s), s.path).toBe(s.raw);
    // `uses:` inside a run script is text, not a site.
    expect(sites.some((s) => s.line === 28)).toBe(false);
  });

  it('classifies what cannot be pinned and says why', () => {
    const sites = findUsesSites(read('steps.yml'));
    const skip = Object.fromEntries(sites.map((s) => [s.raw, s.skip]));
    expect(skip['./.github/actions/setup-repo']).toBe('local');
    expect(skip['docker://alpine:3.18']).toBe('docker');
    expect(skip['actions/${{ matrix.action }}@v4']).toBe('expression');
    expect(skip['actions/checkout@v4']).toBeUndefined();
    const release = sites.find((s) => s.path === 'jobs.release.uses')!;
    expect(release.ref).toEqual({
      owner: 'pypa',
      repo: 'gh-action-pypi-publish',
      path: '.github/workflows/release.yml',
      constraint: 'release/v1',
    });
    expect(release.wanted).toEqual(release.ref);
  });

  it('reads ratchet comments: constraint, exclusion, other text, and mismatches', () => {
    const sites = findUsesSites(read('comments.yml'));
    const at = (line: number) => sites.find((s) => s.line === line)!;
    expect(at(7)).toMatchObject({ comment: 'keep this', raw: 'actions/checkout@v4' });
    expect(at(7).ratchetConstraint).toBeUndefined();
    expect(at(9)).toMatchObject({ ratchetConstraint: 'actions/setup-python@v4' });
    // The value is not a SHA, so it (not the stale comment) is what pinning resolves.
    expect(at(9).wanted?.constraint).toBe('v5');
    expect(at(10).ratchetConstraint).toBe('actions/upload-artifact@v3');
    expect(at(12)).toMatchObject({ skip: 'excluded', comment: 'ratchet:exclude' });
    expect(at(13).skip).toBe('excluded');
    // Dependabot style: pinned, a version comment but no ratchet token.
    expect(at(14)).toMatchObject({
      pinnedSha: '11d5960a326750d5838078e36cf38b85af677262',
      comment: 'v4',
    });
    expect(at(14).ratchetConstraint).toBeUndefined();
    expect(at(15)).toMatchObject({ skip: 'mismatch' });
    expect(at(15).problem).toContain('actions/checkout');
    expect(at(15).problem).toContain('ratchet:actions/setup-node@v3');
  });

  it('lets ratchet:exclude win over every other classification but a broken layout', () => {
    const text = [
      'jobs:',
      '  a:',
      '    steps:',
      '      - uses: o/r@${{ inputs.ref }} # ratchet:exclude',
      '      - uses: not-a-ref # ratchet:exclude',
      '      - uses: o/r@c85c95e3d7251135ab7dc9ce3241c5835cc595a9 # ratchet:exclude',
      '',
    ].join('\n');
    const sites = findUsesSites(text);
    expect(sites.map((s) => s.skip)).toEqual(['excluded', 'excluded', 'excluded']);
    expect(sites.every((s) => s.wanted === undefined)).toBe(true);
    expect(sites[2]!.pinnedSha).toBe('c85c95e3d7251135ab7dc9ce3241c5835cc595a9');
  });

  it('takes the constraint of a ratchet-pinned SHA from its comment (2023 style)', () => {
    const [first] = findUsesSites(read('ratchet-2023.yml'));
    expect(first).toMatchObject({
      raw: 'actions/checkout@c85c95e3d7251135ab7dc9ce3241c5835cc595a9',
      pinnedSha: 'c85c95e3d7251135ab7dc9ce3241c5835cc595a9',
      ratchetConstraint: 'actions/checkout@v3',
      wanted: { owner: 'actions', repo: 'checkout', constraint: 'v3' },
    });
    const sarif = findUsesSites(read('ratchet-2023.yml')).find((s) =>
      s.raw.startsWith('github/codeql-action/upload-sarif@'),
    )!;
    expect(sarif.wanted).toEqual({
      owner: 'github',
      repo: 'codeql-action',
      path: 'upload-sarif',
      constraint: 'v2',
    });
  });

  it('keeps quoting style and finds flow-style sites', () => {
    const text = read('quoting.yml');
    const sites = findUsesSites(text);
    expect(sites.map((s) => [s.line, s.quote, s.raw])).toEqual([
      [6, "'", 'actions/checkout@v4'],
      [7, '"', 'actions/setup-python@v5'],
      [8, '', 'actions/cache@v4'],
      [9, "'", 'docker/login-action@v3'],
      [13, '', 'actions/checkout@v4'],
      [14, '', 'actions/setup-node@v4'],
      [17, '"', 're-actors/alls-green/.github/workflows/check.yml@release/v1'],
    ]);
    for (const s of sites) expect(textAt(text, s), s.path).toBe(`${s.quote}${s.raw}${s.quote}`);
    expect(sites[3]!.comment).toBe('flow map');
  });

  it('reports a step shared through an anchor once, and an aliased value as invalid', () => {
    const sites = findUsesSites(read('anchors.yml'));
    expect(sites.map((s) => [s.path, s.raw, s.skip])).toEqual([
      ['jobs.a.steps[0].uses', 'actions/checkout@v4', undefined],
      ['jobs.a.steps[1].uses', 'actions/setup-python@v5', undefined],
      ['jobs.b.steps[2].uses', 'actions/cache@v4', undefined],
    ]);
    const aliased = findUsesSites(
      'jobs:\n  a:\n    steps:\n      - uses: &x o/r@v1\n      - uses: *x\n',
    );
    expect(aliased[1]).toMatchObject({ line: 5, col: 15, skip: 'invalid' });
    expect(aliased[1]!.problem).toMatch(/alias/);
  });

  it('finds the steps of a composite action', () => {
    const sites = findUsesSites(read('composite/action.yml'));
    expect(sites.map((s) => [s.path, s.raw, s.comment])).toEqual([
      ['runs.steps[0].uses', 'bentoml/setup-bentoml-action@v1', undefined],
      ['runs.steps[2].uses', 'taiki-e/install-action@v2', 'rust tools'],
    ]);
  });

  it('marks values that are not owner/repo@ref as invalid with a reason', () => {
    const text = [
      'jobs:',
      '  a:',
      '    steps:',
      '      - uses: actions/checkout',
      '      - uses: 42',
      '      - uses: >-',
      '          o/r@v1',
      '      - uses: {nested: map}',
      '',
    ].join('\n');
    const sites = findUsesSites(text);
    expect(sites.map((s) => [s.line, s.skip])).toEqual([
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'invalid'],
      [8, 'invalid'],
    ]);
    expect(sites[0]!.problem).toBe('"actions/checkout" is not owner/repo[/path]@ref');
    expect(sites[2]!.problem).toMatch(/block scalar/);
  });

  it('ignores uses: keys outside jobs and runs steps, and non-workflow YAML', () => {
    const text = [
      'on: push',
      'uses: top/level@v1',
      'jobs:',
      '  a:',
      '    steps:',
      '      - with: {uses: in/with@v1}',
      '        run: echo',
      'runs:',
      '  using: node20',
      '  main: index.js',
      '',
    ].join('\n');
    expect(findUsesSites(text)).toEqual([]);
    expect(findUsesSites('- a\n- b\n')).toEqual([]);
    expect(findUsesSites('')).toEqual([]);
  });

  it('throws a YamlSyntaxError naming file, line and column', () => {
    // The classic mistake: an unquoted `: ` inside a run script.
    const text = 'jobs:\n  a:\n    steps:\n      - run: echo "uses: x"\n      - uses: o/r@v1\n';
    let error: unknown;
    try {
      findUsesSites(text, { file: '.github/workflows/ci.yml' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(YamlSyntaxError);
    expect(error).toBeInstanceOf(UserError);
    const d = (error as YamlSyntaxError).diagnostics[0]!;
    expect(d).toMatchObject({
      severity: 'error',
      file: '.github/workflows/ci.yml',
      line: 4,
      col: 14,
      rule: 'yaml-syntax',
    });
    expect((error as Error).message).toBe(
      '.github/workflows/ci.yml:4:14: invalid YAML: Nested mappings are not allowed in compact mappings',
    );
  });

  it('rejects duplicate keys as GitHub does', () => {
    expect(() => findUsesSites('jobs:\n  a: {}\n  a: {}\n', { file: 'x.yml' })).toThrow(
      /x\.yml:3:3: invalid YAML/,
    );
  });
});
