import { afterEach, describe, expect, it } from 'vitest';
import { compilerHooks } from '../../scripts/pin/compiler.ts';
import { runPin } from '../../scripts/pin/run.ts';
import { makeProject, type Project } from '../compile/project.ts';
import { captureIO } from '../helpers/io.ts';
import { fakeGitHubForTests } from '../fake-github/for-tests.ts';

const fake = fakeGitHubForTests();

/**
 * End to end with the real compiler: `pnpm pin --update` moves a tag to a release whose action.yml
 * dropped an input that a step uses. The update must be refused before anything is written, and
 * the error must name the workflow source, the step and the input.
 */
let project: Project | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

const source = `import { action, defineWorkflow, job, uses } from '#ci';
const checkout = action('actions/checkout@v7');
export default defineWorkflow({
  name: 'Uses lfs',
  on: { push: null },
  jobs: [job('build', { 'runs-on': 'ubuntu-latest', steps: [uses({ uses: checkout, with: { lfs: true } })] })],
});
`;

const capture = (cwd: string) => captureIO(cwd);

describe('pnpm pin --update when the new version removed an input', () => {
  it('pins and binds first, then refuses the update and leaves every file as it was', async () => {
    project = await makeProject({ 'workflows-src/lfs.ts': source });
    const deps = { ...compilerHooks, client: { apiUrl: fake.url, secondMs: 1, retries: 0 } };

    const first = capture(project.dir);
    expect(await runPin([], first.io, deps), first.text()).toBe(0);
    expect(first.text()).toContain('typed bindings written for actions/checkout@v7');
    expect(await project.read('.github/workflows/lfs.yml')).toMatch(
      /actions\/checkout@[0-9a-f]{40} # ratchet:actions\/checkout@v7/,
    );
    expect(await project.read('generated/actions/actions__checkout@v7.ts')).toContain(
      'lfs?: InputValue',
    );

    const newer = fake.releaseWithoutInput('actions/checkout', {
      from: 'v7',
      tag: 'v7.99.0',
      input: 'lfs',
    });
    fake.moveTag('actions/checkout', 'v7', newer);
    const before = await project.snapshot();
    const update = capture(project.dir);
    expect(await runPin(['--update'], update.io, deps)).toBe(1);
    expect(update.text()).toMatch(
      /workflows-src\/lfs\.ts:6:\d+: jobs\.build\.steps\[0\]\.with\.lfs: actions\/checkout@v7 has no input "lfs"/,
    );
    expect(update.text()).toMatch(/were not changed/);
    expect(await project.snapshot()).toEqual(before);
  });
});
