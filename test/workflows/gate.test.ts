/**
 * The "run only when asked" gate, evaluated the way GitHub does: the real `if:` of the generated
 * expensive job, parsed and evaluated by @actions/expressions against the context each kind of
 * event produces. Nothing here re-implements the condition.
 */
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import { beforeAll, describe, expect, it } from 'vitest';
import { workflow, type Y } from './generated.ts';

const STATUS = ['always', 'success', 'failure', 'cancelled'];

/** `always()` is true; the others assume every needed job succeeded. */
const statusFunctions = new Map(
  STATUS.map((name) => [
    name,
    {
      name,
      minArgs: 0,
      maxArgs: 0,
      call: () => new data.BooleanData(name !== 'failure' && name !== 'cancelled'),
    },
  ]),
);

function evaluate(condition: string, context: object): boolean {
  const tokens = new Lexer(condition).lex().tokens;
  const ast = new Parser(tokens, ['github', 'needs'], [...statusFunctions.values()]).parse();
  const ctx = JSON.parse(JSON.stringify(context), data.reviver) as data.Dictionary;
  // An `if:` runs the job when its value is truthy, as GitHub's runner decides it.
  return truthy(new Evaluator(ast, ctx, statusFunctions).evaluate());
}

interface Event {
  event: string;
  ref?: string;
  labels?: string[];
  message?: string;
  /** The PR's head repository (defaults to the base repository). */
  headRepo?: string;
  repository?: string;
}

function contextOf(e: Event): object {
  const repository = e.repository ?? 'bentoml/OpenLLM';
  const pr =
    e.event === 'pull_request'
      ? {
          pull_request: {
            number: 42,
            labels: (e.labels ?? []).map((name) => ({ name })),
            head: { sha: 'abc', repo: { full_name: e.headRepo ?? repository } },
          },
        }
      : {};
  return {
    github: {
      event_name: e.event,
      ref: e.ref ?? (e.event === 'pull_request' ? 'refs/pull/42/merge' : 'refs/heads/main'),
      repository,
      repository_owner: repository.split('/')[0],
      event: pr,
    },
    needs: {
      get_commit_message: {
        result: 'success',
        outputs: { message: e.message ?? 'abc1234 fix: typo' },
      },
      'start-runner': { result: 'success', outputs: {} },
      'build-and-push-image': { result: 'success', outputs: {} },
    },
  };
}

type Row = [description: string, event: Event, runs: boolean];

const common = (marker: string, label: string, otherLabel: string, otherMarker: string): Row[] => [
  ['dispatch', { event: 'workflow_dispatch' }, true],
  ['PR with the label', { event: 'pull_request', labels: ['bug', label] }, true],
  ['PR without the label', { event: 'pull_request', labels: ['bug'] }, false],
  ["PR with the other workflow's label", { event: 'pull_request', labels: [otherLabel] }, false],
  [
    'PR whose commit carries the marker',
    { event: 'pull_request', message: `abc feat: x ${marker}` },
    true,
  ],
  [
    "commit with the other workflow's marker",
    { event: 'pull_request', message: `abc feat: x ${otherMarker}` },
    false,
  ],
  ['push to a feature branch', { event: 'push', ref: 'refs/heads/feature' }, false],
  [
    'push to a feature branch with the marker',
    { event: 'push', ref: 'refs/heads/feature', message: `abc wip ${marker}` },
    true,
  ],
  ['push of a release tag', { event: 'push', ref: 'refs/tags/v0.3.5' }, true],
  ['push of a tag that is not a release', { event: 'push', ref: 'refs/tags/nightly' }, false],
  [
    'PR from a fork, labelled',
    { event: 'pull_request', labels: [label], headRepo: 'someone/OpenLLM' },
    false,
  ],
  [
    'PR from a fork with the marker in its commit',
    { event: 'pull_request', message: `abc ${marker}`, headRepo: 'someone/OpenLLM' },
    false,
  ],
];

describe('build.yml gate (start-runner)', () => {
  let wf: Y;
  beforeAll(async () => {
    wf = await workflow('build');
  });

  const rows: Row[] = [
    ...common('[ec2 build]', '00 - EC2 Build', '01 - Clojure Build', '[clojure-ui build]'),
    ['push to main', { event: 'push', ref: 'refs/heads/main' }, true],
    [
      'push to a branch that only starts with main',
      { event: 'push', ref: 'refs/heads/main-old' },
      false,
    ],
    ['push of a dev0 tag', { event: 'push', ref: 'refs/tags/v0.3.6.dev0' }, true],
  ];

  it.each(rows)('%s → runs: %s', (_d, event, runs) => {
    expect(evaluate(wf.jobs['start-runner'].if, contextOf(event))).toBe(runs);
  });

  it.each(rows)('stop-runner follows the gate: %s → runs: %s', (_d, event, runs) => {
    // Same decision as start-runner, so the instance started is the instance stopped.
    expect(evaluate(wf.jobs['stop-runner'].if, contextOf(event))).toBe(runs);
  });

  it('stop-runner also runs when the build failed (always())', () => {
    expect(wf.jobs['stop-runner'].if).toMatch(/^always\(\) && /);
    expect(wf.jobs['stop-runner'].needs).toEqual([
      'start-runner',
      'build-and-push-image',
      'get_commit_message',
    ]);
  });

  it('the expensive jobs need the gate (directly or through start-runner)', () => {
    expect(wf.jobs['start-runner'].needs).toEqual(['get_commit_message']);
    expect(wf.jobs['build-and-push-image'].needs).toEqual(['start-runner']);
  });
});

describe('clojure-frontend.yml gate (build-and-push-clojure-ui)', () => {
  let wf: Y;
  beforeAll(async () => {
    wf = await workflow('clojure-frontend');
  });

  const rows: Row[] = [
    ...common('[clojure-ui build]', '01 - Clojure Build', '00 - EC2 Build', '[ec2 build]'),
    ['push to main', { event: 'push', ref: 'refs/heads/main' }, false],
    ['push of a dev0 tag', { event: 'push', ref: 'refs/tags/v0.3.6.dev0' }, false],
  ];

  it.each(rows)('%s → runs: %s', (_d, event, runs) => {
    expect(evaluate(wf.jobs['build-and-push-clojure-ui'].if, contextOf(event))).toBe(runs);
  });

  it('needs the gate job', () => {
    expect(wf.jobs['build-and-push-clojure-ui'].needs).toEqual(['get_commit_message']);
  });
});

describe('the gate job itself', () => {
  it.each(['build', 'clojure-frontend'] as const)(
    '%s: skipped on forks, reads the PR head',
    async (name) => {
      const wf = await workflow(name);
      const gate = wf.jobs.get_commit_message;
      expect(gate.name).toBe('Get commit message');
      expect(gate['runs-on']).toBe('ubuntu-latest');
      expect(evaluate(gate.if, contextOf({ event: 'push' }))).toBe(true);
      expect(evaluate(gate.if, contextOf({ event: 'push', repository: 'someone/OpenLLM' }))).toBe(
        false,
      );
      expect(gate.steps[0].with.ref).toBe('${{ github.event.pull_request.head.sha }}');
      expect(gate.outputs.message).toBe('${{ steps.get_commit_message.outputs.message }}');
      expect(gate.steps[1].run).toContain('git log --no-merges -1');
    },
  );
});

describe('the public names in the conditions', () => {
  // contains() ignores case, so the evaluations above would not notice a change of case.
  it.each([
    ['build', 'start-runner', '[ec2 build]', '00 - EC2 Build'],
    ['clojure-frontend', 'build-and-push-clojure-ui', '[clojure-ui build]', '01 - Clojure Build'],
  ] as const)('%s: marker and label are spelled exactly', async (name, jobId, marker, label) => {
    const wf = await workflow(name);
    expect(wf.jobs[jobId].if).toContain(
      `contains(needs.get_commit_message.outputs.message, '${marker}')`,
    );
    expect(wf.jobs[jobId].if).toContain(
      `contains(github.event.pull_request.labels.*.name, '${label}')`,
    );
  });
});
