/** Workflow sources used by the compiler tests, as the text of `workflows-src/*.ts` files. */

export const ciSource = `
import { defineWorkflow, job, run, uses, untyped, github, named, eq, secrets } from '#ci';

const matrix = named('matrix', ['os', 'python-version']);

const checkout = untyped('actions/checkout@v5', 'compiler test sample');
const python = untyped('actions/setup-python@v5', 'compiler test sample');

const version = run({ id: 'version', run: 'echo "v=1" >> "$GITHUB_OUTPUT"', outputs: ['v'] });

const tests = job('tests', {
  // Deliberately out of GitHub's order: the compiler must sort keys.
  steps: [
    uses({ uses: checkout, with: { 'fetch-depth': 0 } }),
    uses({ uses: python, with: { 'python-version': matrix['python-version'] } }),
    version,
    run({ name: 'Test', run: 'hatch run tests:python\\necho done\\n', shell: 'bash' }),
  ],
  outputs: { version: version.outputs.v },
  strategy: { 'fail-fast': false, matrix: { 'python-version': ['3.8', '3.10', '3.11'], os: ['ubuntu-latest'] } },
  'runs-on': matrix.os,
  name: \`tests (\${matrix['python-version']})\`,
  if: eq(github.repository, 'bentoml/OpenLLM'),
  env: { TOKEN: secrets('GITHUB_TOKEN') },
});

const report = job('report', [tests], (needs) => ({
  'runs-on': 'ubuntu-latest',
  steps: [run({ run: \`echo \${needs.tests.outputs.version}\` })],
}));

export default defineWorkflow({
  jobs: [tests, report],
  concurrency: { group: \`\${github.workflow}-\${github.sha}\`, 'cancel-in-progress': true },
  env: { LINES: 120, OPENLLM_DO_NOT_TRACK: true, PYTHONUNBUFFERED: '1' },
  on: { push: { branches: ['main'], 'paths-ignore': ['docs/**', '*.md'] }, workflow_dispatch: null },
  permissions: { contents: 'read' },
  name: 'Continuous Integration',
});
`;

export const cleanupSource = `
import { defineWorkflow, job, run, secrets } from '#ci';
export default defineWorkflow({
  name: 'Cleanup PR cache',
  on: { pull_request: { types: ['closed'] } },
  permissions: { actions: 'write' },
  jobs: [job('cleanup', { 'runs-on': 'ubuntu-latest', env: { GH_TOKEN: secrets('GITHUB_TOKEN') }, steps: [run({ run: 'gh cache list' })] })],
});
`;

/** A source with one configurable defect, for the error-class tests. */
export function brokenSource(body: string): string {
  return `
import { defineWorkflow, job, run, uses, untyped, ex, github } from '#ci';
${body}
`;
}
