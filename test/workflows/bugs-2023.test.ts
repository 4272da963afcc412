/**
 * The four 2023 bugs, each shown not to compile (or not to survive `gen`) against the real
 * sources. `pnpm typecheck` compiles this file: if a guarded line ever type-checks, the unused
 * `@ts-expect-error` fails the type check. Runtime assertions show what the real code emits.
 */
import { describe, expect, it } from 'vitest';
import {
  callJob,
  ctx,
  defineWorkflow,
  eq,
  ex,
  github,
  job,
  jobOutput,
  lit,
  not,
  or,
  run,
  toJSON,
  uses,
  type Workflow,
} from '#ci';
import { compileSources } from '../../scripts/compile/compile.ts';
import compilePypiWorkflow from '../../workflows-src/compile-pypi.ts';
import releaseNotesWorkflow from '../../workflows-src/release-notes.ts';
import { allsGreen } from '../../workflows-src/lib/actions.ts';
import { allsGreenJob } from '../../workflows-src/lib/alls-green.ts';

const tagStep = run({ id: 'v', run: 'echo "tag=v1.2.3" >> "$GITHUB_OUTPUT"', outputs: ['tag'] });
const release = job('release', {
  'runs-on': 'ubuntu-latest',
  outputs: { version: tagStep.outputs.tag },
  steps: [tagStep],
});

describe('bug 1: double-quoted strings in expressions', () => {
  it('the helpers write single-quoted literals only, whatever the input', () => {
    expect(eq(github.event_name, 'pull_request').source).toBe(
      "github.event_name == 'pull_request'",
    );
    expect(lit('say "hi"').source).toBe(`'say "hi"'`);
    expect(ex`${github.event_name} == ${'push'}`.source).toBe("github.event_name == 'push'");
    expect(or(eq(github.ref, "it's"), not(lit(true))).source).toBe(
      "github.ref == 'it''s' || !true",
    );
  });

  it('gen rejects a raw condition written with double quotes, naming where it is', () => {
    const wf = defineWorkflow({
      name: 'x',
      on: { push: null },
      jobs: [
        job('a', {
          'runs-on': 'ubuntu-latest',
          if: 'github.event_name == "pull_request"',
          steps: [run({ run: 'true' })],
        }),
      ],
    });
    const { diagnostics } = compileSources(
      [{ source: 'workflows-src/x.ts', output: '.github/workflows/x.yml', value: wf }],
      { version: 1, actions: {} } as never,
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'expression',
        path: 'jobs.a.if',
        message: expect.stringContaining('single quotes'),
      }),
    ]);
  });
});

describe("bug 2: compile-pypi's workflow_call output read a job that does not exist", () => {
  it('a job output is read from a job value, and only an output it declares', () => {
    const push = allsGreenJob('sucess-push', []);
    expect(jobOutput(push, 'success').source).toBe('jobs.sucess-push.outputs.success');
    // @ts-expect-error sucess-push declares "success" only
    jobOutput(push, 'sucess');
    // @ts-expect-error there is no job value `sucessBuild` to read from
    expect(() => jobOutput(sucessBuild, 'success')).toThrow(ReferenceError);
  });

  it('callers see exactly the outputs compile-pypi declares', () => {
    const call = callJob('compile-pypi', { uses: compilePypiWorkflow, with: { tags: 'v1.2.3' } });
    job('after', [call], (needs) => {
      expect(needs['compile-pypi'].outputs.sucess.source).toBe('needs.compile-pypi.outputs.sucess');
      // @ts-expect-error compile-pypi's workflow_call output is "sucess" (its public name)
      void needs['compile-pypi'].outputs.success;
      return { 'runs-on': 'ubuntu-latest', steps: [] };
    });
  });
});

describe('bug 3: the alls-green output read step "everygreen" while the step was "evergreen"', () => {
  it('a job output is read through the step value, so the id cannot drift', () => {
    const evergreen = uses({
      id: 'evergreen',
      uses: allsGreen,
      with: { jobs: toJSON(ctx('needs')) },
    });
    expect(evergreen.outputs.success.source).toBe('steps.evergreen.outputs.success');
    // @ts-expect-error alls-green declares failure, result and success; not "sucess"
    expect(() => evergreen.outputs.sucess).toThrow(/no output "sucess"/);
    expect(() =>
      job('sucess-push', {
        'runs-on': 'ubuntu-latest',
        // @ts-expect-error there is no step value `everygreen`
        outputs: { success: everygreen.outputs.success },
        steps: [evergreen],
      }),
    ).toThrow(ReferenceError);
  });

  it('the shared alls-green job exports the output of its own step', () => {
    const j = allsGreenJob('sucess-pr', []);
    expect(j.spec.outputs).toEqual({
      success: expect.objectContaining({ source: 'steps.evergreen.outputs.success' }),
    });
    expect(j.spec.steps?.map((s) => s.id)).toEqual(['evergreen']);
  });
});

describe('bug 4: publish-python read needs.release without needing release', () => {
  it('needs lists exactly what the callback can read', () => {
    const compile = callJob('compile-pypi', [release], (needs) => ({
      uses: compilePypiWorkflow,
      with: { tags: needs.release.outputs.version },
    }));
    expect(() =>
      job('publish-python', [compile], (needs) => ({
        'runs-on': 'ubuntu-latest',
        // @ts-expect-error publish-python does not need release, so it cannot read it
        steps: [run({ run: `echo ${needs.release.outputs.version}` })],
      })),
    ).toThrow(TypeError);
    const ok = job('publish-python', [compile, release], (needs) => ({
      'runs-on': 'ubuntu-latest',
      steps: [run({ run: `echo ${needs.release.outputs.version}` })],
    }));
    expect(ok.needs.map((n) => n.id)).toEqual(['compile-pypi', 'release']);
  });
});

describe('reusable workflows are called with their required inputs', () => {
  it('compile-pypi and release-notes need `tags`', () => {
    // @ts-expect-error tags is a required input of compile-pypi
    callJob('compile-pypi', { uses: compilePypiWorkflow, with: {} });
    // @ts-expect-error compile-pypi's input is "tags", not "tag"
    callJob('compile-pypi', { uses: compilePypiWorkflow, with: { tag: 'v1' } });
    // @ts-expect-error release-notes needs tags too
    callJob('release-notes', { uses: releaseNotesWorkflow, with: {} });
    const call = callJob('release-notes', { uses: releaseNotesWorkflow, with: { tags: 'v1' } });
    expect(call.spec.with).toEqual({ tags: 'v1' });
    const wf: Workflow = compilePypiWorkflow;
    expect(Object.keys(wf.spec.on.workflow_call?.inputs ?? {})).toEqual(['tags']);
  });
});
