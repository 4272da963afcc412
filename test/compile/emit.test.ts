import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitYaml } from '../../scripts/compile/emit.ts';
import type { FileModel } from '../../scripts/compile/model.ts';

function model(data: Record<string, unknown>, comments: [string, string[]][] = []): FileModel {
  return {
    source: 's.ts',
    output: 'o.yml',
    kind: 'workflow',
    data,
    origins: new Map(),
    uses: [],
    comments: new Map(comments),
  };
}

// Strings a YAML reader could take for something else: booleans and nulls of YAML 1.1 (which some
// tools still use), numbers such as 3.10, and characters with syntax meaning.
const TRICKY = [
  'on',
  'off',
  'yes',
  'no',
  'y',
  'N',
  'True',
  'null',
  '~',
  '',
  '3.10',
  '010',
  '1e3',
  '0x1F',
  '1:20',
  '.inf',
  '*',
  '*.md',
  '&anchor',
  '!tag',
  'a: b',
  'a #b',
  '@at',
  '`tick',
  '- item',
  '[x]',
  '{x}',
  '%x',
  '|x',
  '>x',
  "it's",
  '"q"',
];

describe('emitYaml quoting', () => {
  it('keeps every tricky string a string under both YAML 1.1 and 1.2', () => {
    const env = Object.fromEntries(TRICKY.map((v, i) => [`V${i}`, v]));
    const text = emitYaml(model({ env }), { header: [] });
    expect(parse(text, { version: '1.2' }).env).toEqual(env);
    expect(parse(text, { version: '1.1' }).env).toEqual(env);
  });

  it('quotes what needs it with single quotes and leaves plain strings plain', () => {
    const text = emitYaml(
      model({ env: { A: 'on', B: '3.10', C: '*', D: 'v*', E: 'ubuntu-latest', F: 'a: b' } }),
      { header: [] },
    );
    expect(text).toContain("  A: 'on'\n");
    expect(text).toContain("  B: '3.10'\n");
    expect(text).toContain("  C: '*'\n");
    expect(text).toContain('  D: v*\n');
    expect(text).toContain('  E: ubuntu-latest\n');
    expect(text).toContain("  F: 'a: b'\n");
  });

  it('never quotes keys, so the trigger block reads `on:`', () => {
    const text = emitYaml(model({ name: 'x', on: { push: null } }), { header: [] });
    expect(text).toBe('name: x\non:\n  push:\n');
  });

  it('writes multi-line strings as literal blocks and keeps numbers and booleans typed', () => {
    const text = emitYaml(model({ run: 'a\nb\n', n: 2, t: true }), { header: [] });
    expect(text).toBe('run: |\n  a\n  b\nn: 2\nt: true\n');
  });

  it('puts the header first and lint suppressions above the node they cover', () => {
    const text = emitYaml(
      model({ jobs: { a: { steps: [{ run: 'x' }, { run: 'y' }] } } }, [
        ['', [' lint-allow permissions: file-wide reason']],
        ['jobs.a', [' lint-allow secrets-to-forks: job reason']],
        ['jobs.a.steps[1]', [' lint-allow expression-injection: step reason']],
      ]),
      { header: ['Code generated from s.ts by pnpm gen. DO NOT EDIT.'] },
    );
    expect(text).toBe(
      [
        '# Code generated from s.ts by pnpm gen. DO NOT EDIT.',
        '# lint-allow permissions: file-wide reason',
        '',
        'jobs:',
        '  # lint-allow secrets-to-forks: job reason',
        '  a:',
        '    steps:',
        '      - run: x',
        '      # lint-allow expression-injection: step reason',
        "      - run: 'y'",
        '',
      ].join('\n'),
    );
  });
});
