import { afterEach, describe, expect, it } from 'vitest';
import { generate, type GenerateResult } from '../../scripts/compile/generate.ts';
import type { Diagnostic } from '../../scripts/core/diagnostics.ts';
import { makeProject, sampleLock, type Project } from './project.ts';

let project: Project | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

const HEAD = `import { defineWorkflow, job, run, uses, untyped, ex, github, jobOutput } from '#ci';\n`;
const wf = (jobs: string, extra = '') =>
  `export default defineWorkflow({ name: 'W', on: { push: null }${extra}, jobs: [${jobs}] });\n`;

/** Compiles one source `workflows-src/w.ts`; on errors, asserts nothing was written. */
async function compile(body: string, lockText?: string): Promise<GenerateResult> {
  project = await makeProject({ 'workflows-src/w.ts': HEAD + body }, sampleLock);
  if (lockText !== undefined) await project.write('generated/actions.lock.json', lockText);
  const before = await project.snapshot();
  const r = await generate({ cwd: project.dir });
  // Errors write nothing; warnings alone do not stop generation.
  if (!r.ok) expect(await project.snapshot()).toEqual(before);
  return r;
}

function only(r: GenerateResult, rule: string): Diagnostic[] {
  expect(r.ok).toBe(false);
  return r.diagnostics.filter((d) => d.rule === rule);
}

describe('every error names the source file, the path inside the workflow and the line', () => {
  it('job graph: a needed job that is not in the workflow, with a suggestion', async () => {
    const r = await compile(`
const gate = job('get_commit_mesage', { 'runs-on': 'x', steps: [run({ run: 'true' })] });
const decoy = job('get_commit_message', { 'runs-on': 'x', steps: [run({ run: 'true' })] });
const start = job('start-runner', [gate], () => ({ 'runs-on': 'x', steps: [run({ run: 'true' })] }));
${wf('decoy, start')}`);
    expect(only(r, 'job-graph')).toEqual([
      expect.objectContaining({
        file: 'workflows-src/w.ts',
        line: 5,
        path: 'jobs.start-runner.needs[0]',
        message: expect.stringContaining(
          'unknown job "get_commit_mesage" (did you mean "get_commit_message"?)',
        ),
      }),
    ]);
  });

  it('job graph: a cycle built without the typed API', async () => {
    const r = await compile(`
const a = { kind: 'job', id: 'a', needs: [], spec: { 'runs-on': 'x', steps: [run({ run: 'true' })] } };
const b = { kind: 'job', id: 'b', needs: [a], spec: { 'runs-on': 'x', steps: [run({ run: 'true' })] } };
(a.needs as unknown[]).push(b);
${wf('a as never, b as never')}`);
    expect(only(r, 'job-graph').map((d) => d.message)).toEqual(['dependency cycle: a → b → a']);
  });

  it('job graph: two jobs with one id', async () => {
    const r = await compile(`
const j = job('j', { 'runs-on': 'x', steps: [run({ run: 'true' })] });
const k = job('j', { 'runs-on': 'y', steps: [run({ run: 'true' })] });
${wf('j, k')}`);
    expect(only(r, 'job-graph').map((d) => `${d.path}: ${d.message}`)).toEqual([
      'jobs.j: duplicate job id "j"',
    ]);
  });

  it('job graph: duplicate step ids, a step read before it runs, an unknown step', async () => {
    const r = await compile(`
const late = run({ id: 'late', run: 'echo', outputs: ['x'] });
const j = job('j', { 'runs-on': 'x', steps: [
  run({ run: 'echo \${{ steps.late.outputs.x }} \${{ steps.nope.outputs.y }}' }),
  late,
  run({ id: 'late', run: 'true' }),
] });
${wf('j')}`);
    const messages = only(r, 'job-graph').map((d) => `${d.path}: ${d.message}`);
    expect(messages).toEqual([
      'jobs.j.steps[0].run: reads steps.late before that step runs (it comes later in the job)',
      'jobs.j.steps[0].run: unknown step id "nope" in this job',
      'jobs.j.steps[2].id: duplicate step id "late" in job "j"',
    ]);
  });

  it('job graph: needs.X read by a job that does not need X, and a call output of a missing job', async () => {
    const r = await compile(`
const release = job('release', { 'runs-on': 'x', outputs: { version: 'v1' }, steps: [run({ run: 'true' })] });
const publish = job('publish-python', { 'runs-on': 'x', steps: [run({ run: 'echo \${{ needs.release.outputs.version }}' })] });
export default defineWorkflow({ name: 'W', on: { workflow_call: { outputs: { sucess: { value: ex\`jobs.sucess-build.outputs.success\` } } } }, jobs: [release, publish] });
`);
    const messages = only(r, 'job-graph').map((d) => `${d.path}: ${d.message}`);
    expect(messages).toEqual([
      'jobs.publish-python.steps[0].run: reads needs.release but job "publish-python" does not need "release"',
      'on.workflow_call.outputs.sucess.value: unknown job "sucess-build"',
    ]);
  });

  it('expressions: double-quoted strings, unbalanced ${{ and an always-true if', async () => {
    const r = await compile(`
const j = job('j', { 'runs-on': 'x', if: 'github.event_name == "pull_request"', steps: [
  run({ run: 'echo \${{ github.sha' }),
  run({ if: '\${{ github.ref }} == main', run: 'true' }),
] });
${wf('j')}`);
    const found = only(r, 'expression');
    expect(found.map((d) => d.path)).toEqual([
      'jobs.j.if',
      'jobs.j.steps[0].run',
      'jobs.j.steps[1].if',
    ]);
    expect(found[0]!.message).toMatch(/single quotes/);
    expect(found[1]!.message).toBe('"${{" without a closing "}}"');
    expect(found[2]!.message).toMatch(/always true/);
    expect(found.every((d) => d.line !== undefined)).toBe(true);
  });

  it('triggers: an invalid cron and conflicting filters', async () => {
    const r = await compile(`
const j = job('j', { 'runs-on': 'x', steps: [run({ run: 'true' })] });
export default defineWorkflow({ name: 'W', on: { schedule: [{ cron: '42 2 * *' }], push: { branches: ['main'], 'branches-ignore': ['x'] } }, jobs: [j] });
`);
    expect(only(r, 'triggers').map((d) => `${d.path}: ${d.message}`)).toEqual([
      'on.schedule[0].cron: invalid cron "42 2 * *": expected 5 fields (minute hour day month weekday), got 4',
      'on.push: "branches" and "branches-ignore" cannot both be set for one event',
    ]);
  });

  it('structure: shapes only visible at run time (sources are not type-checked by gen)', async () => {
    const r = await compile(`
const bad = { kind: 'step', id: undefined, spec: { run: 'true', uses: untyped('actions/checkout@v5', 't') } };
const j = job('j', { steps: [bad as never] } as never);
${wf('j')}`);
    expect(only(r, 'structure').map((d) => `${d.path}: ${d.message}`)).toEqual([
      'jobs.j.steps[0]: a step needs exactly one of "uses" or "run"',
      'jobs.j: missing "runs-on"',
    ]);
  });

  it('structure: calling a workflow that no source exports (it has no file to call)', async () => {
    const r = await compile(`
import { callJob } from '#ci';
const inner = defineWorkflow({ name: 'Inner', on: { workflow_call: null }, jobs: [job('a', { 'runs-on': 'x', steps: [run({ run: 'true' })] })] });
const call = callJob('call', { uses: inner });
${wf('call')}`);
    expect(only(r, 'structure').map((d) => `${d.path}: ${d.message}`)).toEqual([
      'jobs.call.uses: calls a workflow that is not the default export of a workflows-src/ source',
    ]);
  });

  it('pins: an action missing from the lock says to run pnpm pin', async () => {
    const r = await compile(`
const j = job('j', { 'runs-on': 'x', steps: [uses({ uses: untyped('actions/cache@v4', 't') })] });
${wf('j')}`);
    expect(only(r, 'pin')).toEqual([
      expect.objectContaining({
        path: 'jobs.j.steps[0].uses',
        line: 3,
        message: expect.stringMatching(
          /actions\/cache@v4 is not in generated\/actions.lock.json: run `pnpm pin`/,
        ),
      }),
    ]);
  });

  it('load: a source that throws is reported at its line', async () => {
    const r = await compile(
      `\nconst x: string = undefined as never;\nif (!x) throw new Error('boom');\n${wf('')}`,
    );
    expect(only(r, 'load')).toEqual([
      expect.objectContaining({
        file: 'workflows-src/w.ts',
        line: 4,
        message: 'failed to evaluate: boom',
      }),
    ]);
  });

  it('lock: a corrupt lock is an error on the lock file', async () => {
    const r = await compile(wf(''), '{ not json');
    expect(only(r, 'lock')).toEqual([
      expect.objectContaining({
        file: 'generated/actions.lock.json',
        message: expect.stringMatching(/not valid JSON/),
      }),
    ]);
  });
});

describe('action inputs against the binding (what types cannot say, or sources that skip them)', () => {
  const binding = `
import { defineAction } from '#ci';
const act = defineAction<{ token: string; old?: string; 'fetch-depth'?: number }, 'digest'>({
  uses: 'actions/checkout@v5',
  sha: 'fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09',
  inputs: {
    token: { required: true },
    old: { required: false, deprecationMessage: 'use token instead' },
    'fetch-depth': { required: false, default: '1' },
  },
  outputs: ['digest'],
});
`;

  it('warns about a deprecated input and still generates', async () => {
    const r = await compile(`${binding}
const j = job('j', { 'runs-on': 'x', steps: [uses({ uses: act, with: { token: 't', old: 'x' } })] });
${wf('j')}`);
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: 'jobs.j.steps[0].with.old',
        message: 'input "old" of actions/checkout@v5 is deprecated: use token instead',
      }),
    ]);
  }, 20_000);

  it('rejects an unknown input (with a suggestion) and a missing required one', async () => {
    const r = await compile(`${binding}
const j = job('j', { 'runs-on': 'x', steps: [uses({ uses: act, with: { fetch_depth: 1 } } as never)] });
${wf('j')}`);
    expect(only(r, 'action-inputs').map((d) => `${d.path}: ${d.message}`)).toEqual([
      expect.stringMatching(
        /^jobs\.j\.steps\[0\]\.with\.fetch_depth: actions\/checkout@v5 has no input "fetch_depth" \(did you mean "fetch-depth"\?\)/,
      ),
      'jobs.j.steps[0].with: actions/checkout@v5 requires input "token"',
    ]);
  });
});
