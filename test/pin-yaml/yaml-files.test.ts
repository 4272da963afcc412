import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../scripts/core/diagnostics.ts';
import { findFiles, isActionsYamlPath } from '../../scripts/pin/yaml-files.ts';

let root: string;
const at = (...p: string[]) => join(root, ...p);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pin-yaml-files-'));
  const files = [
    '.github/workflows/ci.yml',
    '.github/workflows/release.yaml',
    '.github/workflows/README.md',
    '.github/workflows/nested/not-read-by-github.yml',
    '.github/actions/setup/action.yml',
    '.github/dependabot.yml',
    'actions/build/action.yaml',
    'charts/values.yaml',
    'node_modules/pkg/action.yml',
    '.venv/lib/action.yml',
    'docs/example.yml',
  ];
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), 'x: 1\n');
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('findFiles', () => {
  it('walks a directory for workflows and action metadata only', async () => {
    expect(await findFiles([root])).toEqual([
      at('.github/actions/setup/action.yml'),
      at('.github/workflows/ci.yml'),
      at('.github/workflows/release.yaml'),
      at('actions/build/action.yaml'),
    ]);
  });

  it('takes any named YAML file as it is, de-duplicated and sorted', async () => {
    const ci = at('.github/workflows/ci.yml');
    expect(await findFiles([at('docs/example.yml'), ci, at('.github/workflows')])).toEqual([
      ci,
      at('.github/workflows/release.yaml'),
      at('docs/example.yml'),
    ]);
  });

  it('reports every missing path or non-YAML file at once', async () => {
    const missing = at('nope.yml');
    const readme = at('.github/workflows/README.md');
    const e = await findFiles([missing, readme]).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).diagnostics).toEqual([
      { severity: 'error', file: missing, message: 'no such file or directory' },
      expect.objectContaining({ severity: 'error', file: readme, message: 'not a YAML file' }),
    ]);
  });
});

describe('isActionsYamlPath', () => {
  it('matches workflows directly in .github/workflows and action.yml anywhere', () => {
    expect(isActionsYamlPath('.github/workflows/ci.yml')).toBe(true);
    expect(isActionsYamlPath('repo/.github/workflows/ci.yaml')).toBe(true);
    expect(isActionsYamlPath('.github/workflows/sub/ci.yml')).toBe(false);
    expect(isActionsYamlPath('.github/dependabot.yml')).toBe(false);
    expect(isActionsYamlPath('x/action.yaml')).toBe(true);
    expect(isActionsYamlPath('x/my-action.yml')).toBe(false);
  });
});
