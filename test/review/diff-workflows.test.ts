/** The pure comparison (`diffWorkflows`) on small in-memory workflows, one concern per test. */
import { describe, expect, it } from 'vitest';
import { describeChange } from '../../scripts/review/describe.ts';
import { diffWorkflows } from '../../scripts/review/diff-workflows.ts';
import { comparePermissions } from '../../scripts/review/permissions.ts';
import type { Change, PermissionsSpec } from '../../scripts/review/report.ts';

const FILE = '.github/workflows/ci.yml';
const CHECKOUT_V4 =
  'actions/checkout@11d5960a326750d5838078e36cf38b85af677262 # ratchet:actions/checkout@v4';

/** Changes of one modified file, or [] when the file is not reported. */
function diff(before: string, after: string): Change[] {
  const report = diffWorkflows(new Map([[FILE, before]]), new Map([[FILE, after]]));
  return report.workflows[0]?.changes ?? [];
}

function job(body: string, id = 'build'): string {
  return `jobs:\n  ${id}:\n${body
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}\n`;
}

const plain = { code: (s: string) => s, name: (s: string) => `"${s}"`, shaLength: 12 };

describe('triggers', () => {
  it('treats the string, list and map forms of on: alike', () => {
    const steps = job('runs-on: ubuntu-latest\nsteps:\n  - run: make');
    expect(diff(`on: push\n${steps}`, `on: {push: {}}\n${steps}`)).toEqual([]);
    expect(diff(`on: [push]\n${steps}`, `on: [push, pull_request]\n${steps}`)).toEqual([
      { kind: 'trigger', change: 'added', event: 'pull_request', filters: [], security: false },
    ]);
  });

  it('says when a filter disappears, because the event then fires for everything', () => {
    const steps = job('runs-on: ubuntu-latest\nsteps:\n  - run: make');
    const changes = diff(`on:\n  push:\n    branches: [main]\n${steps}`, `on: push\n${steps}`);
    expect(changes).toEqual([
      {
        kind: 'trigger',
        change: 'changed',
        event: 'push',
        filters: [
          { filter: 'branches', status: 'removed', added: [], removed: ['main'], changed: [] },
        ],
        security: false,
      },
    ]);
    expect(describeChange(changes[0]!, plain).text).toBe(
      'push — branches filter removed (was main), so it no longer limits the event',
    );
  });

  it('reports a changed input (required, options) as one change, not a remove and an add', () => {
    const steps = job('runs-on: ubuntu-latest\nsteps:\n  - run: make');
    const before = `on:\n  workflow_dispatch:\n    inputs:\n      release_type:\n        description: Release type\n        type: choice\n        options: [major, minor, patch]\n${steps}`;
    const after = before.replace(
      'options: [major, minor, patch]',
      'required: true\n        options: [minor, patch]',
    );
    expect(diff(before, after)).toEqual([
      {
        kind: 'trigger',
        change: 'changed',
        event: 'workflow_dispatch',
        filters: [
          {
            filter: 'inputs',
            status: 'changed',
            added: [],
            removed: [],
            changed: [
              {
                key: 'release_type',
                before: 'choice, options: major|minor|patch',
                after: 'choice, required, options: minor|patch',
              },
            ],
          },
        ],
        security: false,
      },
    ]);
    // A description is prose, not behaviour.
    expect(diff(before, before.replace('Release type', 'Which part to bump'))).toEqual([]);
  });

  it('flags any change to a pull_request_target trigger', () => {
    const steps = job('runs-on: ubuntu-latest\nsteps:\n  - run: make');
    const [c] = diff(
      `on:\n  pull_request_target:\n    types: [labeled]\n${steps}`,
      `on:\n  pull_request_target:\n    types: [labeled, synchronize]\n${steps}`,
    );
    expect(c).toMatchObject({ kind: 'trigger', change: 'changed', security: true });
  });
});

describe('permissions', () => {
  const p = (spec: PermissionsSpec, other: PermissionsSpec) => comparePermissions(spec, other);

  it('compares explicit scopes per scope; shorthands expand to every scope', () => {
    expect(
      p(
        { kind: 'scopes', scopes: { contents: 'read' } },
        { kind: 'scopes', scopes: { contents: 'write' } },
      ),
    ).toEqual({
      direction: 'widened',
      scopes: [{ scope: 'contents', before: 'read', after: 'write' }],
    });
    expect(
      p({ kind: 'write-all' }, { kind: 'scopes', scopes: { contents: 'write' } })?.direction,
    ).toBe('narrowed');
    expect(p({ kind: 'read-all' }, { kind: 'write-all' })?.scopes).toHaveLength(15);
    expect(
      p({ kind: 'scopes', scopes: {} }, { kind: 'scopes', scopes: { contents: 'none' } }),
    ).toBeUndefined();
  });

  it('judges the repository default against both possible default settings', () => {
    const def: PermissionsSpec = { kind: 'default' };
    // No default grants id-token: asking for it widens whatever the setting.
    expect(p(def, { kind: 'scopes', scopes: { 'id-token': 'write' } })?.direction).toBe('widened');
    // Within the restricted default: narrower whatever the setting.
    expect(p(def, { kind: 'scopes', scopes: { contents: 'read' } })?.direction).toBe('narrowed');
    // Wider than restricted, narrower than permissive: depends on the setting.
    expect(p(def, { kind: 'scopes', scopes: { contents: 'write' } })?.direction).toBe('changed');
    expect(p({ kind: 'scopes', scopes: { contents: 'read' } }, def)?.direction).toBe('widened');
    expect(p({ kind: 'write-all' }, def)?.direction).toBe('narrowed');
  });

  it('flags a job that drops its own block and falls back to the default token', () => {
    const before = `on: push\n${job('runs-on: ubuntu-latest\npermissions:\n  contents: read\nsteps:\n  - run: make')}`;
    const after = `on: push\n${job('runs-on: ubuntu-latest\nsteps:\n  - run: make')}`;
    const changes = diff(before, after);
    expect(changes).toEqual([
      {
        kind: 'permissions',
        job: 'build',
        direction: 'widened',
        before: { kind: 'scopes', scopes: { contents: 'read' } },
        after: { kind: 'default' },
        scopes: [],
        security: true,
      },
    ]);
    expect(describeChange(changes[0]!, plain).text).toContain(
      'contents: read → default token (repository setting) — no `permissions:` block',
    );
  });

  it('reports a workflow-level change once, not again for every inheriting job', () => {
    const body = `${job('runs-on: ubuntu-latest\nsteps:\n  - run: make', 'a')}${job('runs-on: ubuntu-latest\nsteps:\n  - run: make', 'b').replace('jobs:\n', '')}`;
    const changes = diff(
      `on: push\npermissions: read-all\n${body}`,
      `on: push\npermissions: write-all\n${body}`,
    );
    expect(changes.map((c) => [c.kind, 'job' in c ? c.job : undefined])).toEqual([
      ['permissions', undefined],
    ]);
  });
});

describe('secrets', () => {
  it('finds secrets.X, secrets[...], toJSON(secrets) and secrets: inherit, with where they are used', () => {
    const before = `on: push\nenv:\n  A: \${{ secrets.OLD }}\n${job('runs-on: ubuntu-latest\nsteps:\n  - run: echo "see secrets.md, not a secret"\n    env:\n      X: \${{ inputs.secrets }}')}`;
    const after = `on: push\nenv:\n  A: \${{ secrets.OLD }}\n  B: \${{ secrets[ 'HF_TOKEN' ] }}\n${job('runs-on: ubuntu-latest\nsteps:\n  - run: echo \${{ toJSON(secrets) }}\n    env:\n      TOKEN: \${{ secrets.PYPI_TOKEN || secrets.OLD }}')}${job('uses: ./.github/workflows/compile-pypi.yml\nsecrets: inherit', 'call').replace('jobs:\n', '')}`;
    const secrets = diff(before, after).filter((c) => c.kind === 'secret');
    expect(secrets).toEqual([
      { kind: 'secret', secret: '*', where: ['build'], security: true },
      { kind: 'secret', secret: 'HF_TOKEN', where: ['(workflow)'], security: true },
      { kind: 'secret', secret: 'PYPI_TOKEN', where: ['build'], security: true },
      { kind: 'secret', secret: 'inherit', where: ['call'], security: true },
    ]);
    expect(describeChange(secrets[0]!, plain).text).toBe('all secrets (toJSON(secrets)) in build');
  });
});

describe('jobs, runners and actions', () => {
  it('a display name set where there was none renames the status check', () => {
    const [c] = diff(
      `on: push\n${job('runs-on: ubuntu-latest\nsteps:\n  - run: make')}`,
      `on: push\n${job('name: Build wheels\nruns-on: ubuntu-latest\nsteps:\n  - run: make')}`,
    );
    expect(c).toEqual({
      kind: 'job',
      change: 'renamed',
      job: 'build',
      checkName: { before: 'build', after: 'Build wheels' },
      security: false,
    });
  });

  it('describes runner groups and reusable-workflow calls', () => {
    const changes = diff(
      `on: push\n${job('runs-on: ubuntu-latest\nsteps:\n  - run: make')}`,
      `on: push\n${job('runs-on:\n  group: gpu\n  labels: [a10g]\nsteps:\n  - run: make')}`,
    );
    expect(changes).toEqual([
      {
        kind: 'runner',
        job: 'build',
        before: 'ubuntu-latest',
        after: 'group: gpu, labels: [a10g]',
        security: false,
      },
    ]);
    const call = diff(
      `on: push\n${job('runs-on: ubuntu-latest\nsteps:\n  - run: make')}`,
      `on: push\n${job('uses: ./.github/workflows/compile-pypi.yml\nwith:\n  tags: v1')}`,
    );
    expect(call).toContainEqual(
      expect.objectContaining({
        kind: 'runner',
        after: 'calls ./.github/workflows/compile-pypi.yml',
      }),
    );
    expect(call).toContainEqual(
      expect.objectContaining({
        kind: 'action',
        action: './.github/workflows/compile-pypi.yml',
        thirdParty: false,
        security: false,
      }),
    );
  });

  it('flags a pin that stops being a SHA, and docker images as third-party', () => {
    const before = `on: push\n${job(`runs-on: ubuntu-latest\nsteps:\n  - uses: ${CHECKOUT_V4}`)}`;
    const changes = diff(
      before,
      before.replace(CHECKOUT_V4, 'actions/checkout@v4\n      - uses: docker://alpine:3.20'),
    );
    expect(changes).toEqual([
      {
        kind: 'action',
        change: 'added',
        action: 'docker://alpine:3.20',
        thirdParty: true,
        pins: [{ ref: '' }],
        jobs: ['build'],
        security: true,
      },
      {
        kind: 'pin',
        action: 'actions/checkout',
        before: [
          {
            ref: '11d5960a326750d5838078e36cf38b85af677262',
            sha: '11d5960a326750d5838078e36cf38b85af677262',
            constraint: 'v4',
          },
        ],
        after: [{ ref: 'v4', constraint: 'v4' }],
        security: true,
      },
    ]);
    expect(describeChange(changes[0]!, plain).text).toBe(
      'docker://alpine:3.20 in build — third-party',
    );
    expect(describeChange(changes[1]!, plain).text).toBe(
      'actions/checkout: v4 @ 11d5960a3267 → v4 (not pinned to a SHA)',
    );
  });

  it('sees a moved SHA under the same constraint, and reads sub-action paths', () => {
    const sarif = (sha: string) =>
      `on: push\n${job(`runs-on: ubuntu-latest\nsteps:\n  - uses: github/codeql-action/upload-sarif@${sha} # ratchet:github/codeql-action/upload-sarif@v3`)}`;
    const [c] = diff(
      sarif('dd903d2e4f5405488e5ef1422510ee31c8b32357'),
      sarif('48ab28a6f5dbc2a99bf1e0131198dd8f1df78169'),
    );
    expect(c).toMatchObject({
      kind: 'pin',
      action: 'github/codeql-action/upload-sarif',
      before: [{ sha: 'dd903d2e4f5405488e5ef1422510ee31c8b32357', constraint: 'v3' }],
      after: [{ sha: '48ab28a6f5dbc2a99bf1e0131198dd8f1df78169', constraint: 'v3' }],
      security: false,
    });
  });
});

describe('files', () => {
  const wf = `name: CI\non: push\n${job('runs-on: ubuntu-latest\nsteps:\n  - run: make')}`;

  it('leaves out files whose changes are formatting, order or step scripts only', () => {
    const reformatted = `on: [push]\nname: "CI"\njobs:\n  build: {steps: [{run: make test}], runs-on: ubuntu-latest}\n`;
    expect(diff(wf, reformatted)).toEqual([]);
    expect(diffWorkflows(new Map([[FILE, wf]]), new Map([[FILE, wf]])).workflows).toEqual([]);
  });

  it('reports a renamed workflow', () => {
    expect(diff(wf, wf.replace('name: CI', 'name: Continuous Integration'))).toEqual([
      { kind: 'workflow-name', before: 'CI', after: 'Continuous Integration', security: false },
    ]);
  });

  it('reports YAML that cannot be parsed, with its position, instead of failing', () => {
    const changes = diff(wf, `${wf}  broken: [\n`);
    expect(changes[0]).toMatchObject({ kind: 'parse-error', side: 'after', security: false });
    expect((changes[0] as { message: string }).message).toMatch(/^\d+:\d+: /);
    // Everything the broken side had is gone from the comparison's point of view.
    expect(changes).toContainEqual(
      expect.objectContaining({ kind: 'job', change: 'removed', job: 'build' }),
    );
    expect(diff(wf, '- just\n- a list\n')[0]).toMatchObject({
      kind: 'parse-error',
      message: 'the top level is not a mapping',
    });
  });
});
