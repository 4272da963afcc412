/**
 * Type-level guarantees of the authoring API. `pnpm typecheck` compiles this file: each
 * `@ts-expect-error` fails the type check if the line it guards ever starts compiling, so losing a
 * guarantee breaks CI. The runtime assertions check the expressions the accessors produce.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  Expr,
  callJob,
  defineInputs,
  defineWorkflow,
  eq,
  github,
  job,
  jobOutput,
  run,
  untyped,
  uses,
} from '#ci';

const message = run({
  id: 'get_commit_message',
  run: 'echo "message=$(git log -1 --pretty=%B)" >> "$GITHUB_OUTPUT"',
  outputs: ['message'],
});

const gate = job('get_commit_message', {
  'runs-on': 'ubuntu-latest',
  outputs: { message: message.outputs.message },
  steps: [message],
});

describe('needs and job outputs', () => {
  it('reads a needed job output as a needs expression', () => {
    const build = job('build', [gate], (needs) => {
      expectTypeOf(needs.get_commit_message.outputs.message).toEqualTypeOf<Expr>();
      return {
        'runs-on': 'ubuntu-latest',
        if: eq(needs.get_commit_message.outputs.message, 'x'),
        steps: [run({ run: `echo ${needs.get_commit_message.outputs.message}` })],
      };
    });
    expect(String(build.spec.if instanceof Expr ? build.spec.if.source : build.spec.if)).toBe(
      "needs.get_commit_message.outputs.message == 'x'",
    );
    expect(build.needs.map((j) => j.id)).toEqual(['get_commit_message']);
  });

  it('rejects a misspelled needs id, an undeclared output, and a job that is not needed', () => {
    // Untyped callers fail at run time too: an unknown needs id is undefined.
    expect(() =>
      job('a', [gate], (needs) => ({
        'runs-on': 'ubuntu-latest',
        // @ts-expect-error the job is get_commit_message, not get_commit_mesage
        steps: [run({ run: `echo ${needs.get_commit_mesage.outputs.message}` })],
      })),
    ).toThrow(TypeError);
    job('b', [gate], (needs) => ({
      'runs-on': 'ubuntu-latest',
      // @ts-expect-error get_commit_message declares no output "msg"
      steps: [run({ run: `echo ${needs.get_commit_message.outputs.msg}` })],
    }));
    const release = job('release', {
      'runs-on': 'ubuntu-latest',
      outputs: { version: message.outputs.message },
      steps: [message],
    });
    expect(() =>
      job('publish-python', [gate], (needs) => ({
        'runs-on': 'ubuntu-latest',
        // @ts-expect-error publish-python reads release without needing it (the 2023 bug)
        steps: [run({ run: `echo ${needs.release.outputs.version}` })],
      })),
    ).toThrow(TypeError);
    expect(release.id).toBe('release');
  });
});

describe('step outputs', () => {
  it('offers only declared outputs, and only on steps with an id', () => {
    expect(message.outputs.message.source).toBe('steps.get_commit_message.outputs.message');
    // @ts-expect-error the step declares "message", not "msg"
    expect(() => message.outputs.msg).toThrow(/no output "msg"/);
    const anonymous = run({ run: 'true' });
    // @ts-expect-error a step without id has no outputs to read
    expect(anonymous.outputs).toBeUndefined();
  });

  it('rejects a misspelled step handle in job outputs (the 2023 everygreen bug)', () => {
    const evergreen = uses({
      id: 'evergreen',
      uses: untyped('re-actors/alls-green@release/v1', 'test', { outputs: ['success'] }),
    });
    expect(() =>
      job('sucess-push', {
        'runs-on': 'ubuntu-latest',
        // @ts-expect-error the step is `evergreen`; there is no `everygreen`
        outputs: { success: everygreen.outputs.success },
        steps: [evergreen],
      }),
    ).toThrow(ReferenceError);
    expect(evergreen.outputs.success.source).toBe('steps.evergreen.outputs.success');
  });
});

describe('reusable workflows', () => {
  const inputs = defineInputs({
    tags: { type: 'string', required: true, description: 'Tag for releases' },
  });
  const pure = job('pure', {
    'runs-on': 'ubuntu-latest',
    outputs: { ok: 'yes' },
    steps: [run({ run: `echo ${inputs.ref.tags}` })],
  });
  const compile = defineWorkflow({
    name: 'Compile PyPI package',
    on: {
      workflow_call: { inputs: inputs.spec, outputs: { sucess: { value: jobOutput(pure, 'ok') } } },
    },
    jobs: [pure],
  });

  it('requires the callee inputs and exposes its outputs', () => {
    const call = callJob('compile-pypi', { uses: compile, with: { tags: 'v1' } });
    // @ts-expect-error tags is a required input of compile-pypi
    callJob('compile-pypi', { uses: compile, with: {} });
    // @ts-expect-error compile-pypi has no input "tag"
    callJob('compile-pypi', { uses: compile, with: { tags: 'v1', tag: 'v1' } });
    job('after', [call], (needs) => {
      expectTypeOf(needs['compile-pypi'].outputs.sucess).toEqualTypeOf<Expr>();
      // @ts-expect-error compile-pypi's workflow_call declares "sucess" only
      void needs['compile-pypi'].outputs.success;
      return { 'runs-on': 'ubuntu-latest', steps: [] };
    });
    // @ts-expect-error jobOutput of an output the job does not declare (the 2023 sucess-build bug)
    jobOutput(pure, 'success');
    expect(call.spec.with).toEqual({ tags: 'v1' });
  });
});

describe('expressions', () => {
  it('writes string literals with single quotes only', () => {
    expect(eq(github.event_name, 'pull_request').source).toBe(
      "github.event_name == 'pull_request'",
    );
    expect(eq(github.ref, "it's").source).toBe("github.ref == 'it''s'");
  });
});

describe('reusable workflows without required inputs', () => {
  const plain = defineWorkflow({
    name: 'Binary',
    on: { workflow_call: null },
    jobs: [job('b', { 'runs-on': 'ubuntu-latest', steps: [run({ run: 'true' })] })],
  });
  it('can be called without `with`', () => {
    const call = callJob('binary-distribution', { uses: plain });
    expect(call.spec.with).toBeUndefined();
    // @ts-expect-error the callee declares no input "tags"
    callJob('binary-distribution', { uses: plain, with: { tags: 'v1' } });
  });
});
