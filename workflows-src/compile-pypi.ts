/**
 * Builds the pure wheel + sdist and the mypyc-compiled wheels; pushes nightlies to TestPyPI on
 * pushes to main; called by the release workflow with the tag to build.
 */
import {
  and,
  defineInputs,
  defineWorkflow,
  eq,
  github,
  job,
  jobOutput,
  named,
  not,
  run,
  uses,
} from '#ci';
import {
  checkout,
  cibuildwheel,
  downloadArtifact,
  pypiPublish,
  setupBentoml,
  uploadArtifact,
} from './lib/actions.ts';
import { allsGreenJob } from './lib/alls-green.ts';
import { downloadAllWheels, MYPYC_WHEELS_SUFFIX, PYTHON_ARTEFACTS } from './lib/artifacts.ts';
import {
  bashDefaults,
  hatchEnv,
  isPullRequest,
  notPullRequest,
  nonCodePaths,
  prConcurrency,
} from './lib/common.ts';

/** The mypyc matrix's dimensions. */
const matrix = named('matrix', ['name', 'os', 'macos_arch']);

export const TEST_PYPI_URL = 'https://test.pypi.org/legacy/';

export const inputs = defineInputs({
  tags: { type: 'string', required: true, description: 'Tag for releases' },
});

const checkoutTag = uses({
  uses: checkout,
  with: { 'fetch-depth': 0, ref: inputs.ref.tags },
});
const setupBentomlDefault = uses({
  uses: setupBentoml,
  with: { 'bentoml-version': 'main', 'python-version-file': '.python-version-default' },
});

const pureWheelsSdist = job('pure-wheels-sdist', {
  name: 'Pure wheels and sdist distribution',
  'runs-on': 'ubuntu-latest',
  steps: [
    checkoutTag,
    setupBentomlDefault,
    run({ name: 'Build', run: 'hatch build', 'working-directory': 'openllm-python' }),
    uses({
      name: 'Upload artifacts',
      uses: uploadArtifact,
      with: { name: PYTHON_ARTEFACTS, path: 'openllm-python/dist/*', 'if-no-files-found': 'error' },
    }),
  ],
});

const mypyc = job('mypyc', {
  name: `Compiled mypyc wheels (${matrix.name})`,
  'runs-on': matrix.os,
  strategy: {
    'fail-fast': false,
    matrix: {
      include: [
        { os: 'ubuntu-latest', name: 'linux-x86_64' },
        { os: 'macos-latest', name: 'macos-x86_64', macos_arch: 'x86_64' },
        { os: 'macos-latest', name: 'macos-arm64', macos_arch: 'arm64' },
        { os: 'macos-latest', name: 'macos-universal2', macos_arch: 'universal2' },
      ],
    },
  },
  steps: [
    checkoutTag,
    setupBentomlDefault,
    uses({
      name: 'Build wheels via cibuildwheel',
      uses: cibuildwheel,
      with: { 'config-file': 'pyproject.toml', 'package-dir': 'openllm-python' },
      env: {
        CIBW_PRERELEASE_PYTHONS: 'True',
        CIBW_BEFORE_BUILD_MACOS: 'rustup target add aarch64-apple-darwin',
        CIBW_ARCHS_MACOS: matrix.macos_arch,
        MYPYPATH: '/project/typings',
      },
    }),
    uses({
      name: 'Upload wheels as workflow artifacts',
      uses: uploadArtifact,
      with: {
        name: `${matrix.name}${MYPYC_WHEELS_SUFFIX}`,
        path: './wheelhouse/*.whl',
        'if-no-files-found': 'error',
      },
    }),
  ],
});

const checkDownloadArtefacts = job('check-download-artefacts', [pureWheelsSdist, mypyc], () => ({
  name: 'dry-run for downloading artefacts',
  if: isPullRequest,
  'runs-on': 'ubuntu-latest',
  steps: [
    uses({
      name: 'Download Python artifacts',
      uses: downloadArtifact,
      with: { path: 'dist', 'merge-multiple': true },
    }),
    run({ name: 'dry ls', run: 'ls -rthlaR' }),
  ],
}));

const pushNightly = job('push-nightly', [pureWheelsSdist, mypyc], () => ({
  name: 'Push nightly wheels',
  if: and(not(github.event('repository.fork')), eq(github.event_name, 'push')),
  'runs-on': 'ubuntu-latest',
  permissions: { 'id-token': 'write' },
  steps: [
    ...downloadAllWheels('dist'),
    run({ name: 'Smoke test compiled artefacts', run: 'ls -R dist' }),
    uses({
      name: 'Publish nightly wheels to test.pypi.org',
      uses: pypiPublish,
      with: { 'repository-url': TEST_PYPI_URL, 'print-hash': true },
    }),
  ],
}));

/**
 * Every non-PR run (push, dispatch, and a call from the release workflow) ends here, so the
 * workflow_call output always has a job to read; push-nightly runs on pushes only.
 */
const sucessPush = allsGreenJob('sucess-push', [pushNightly, pureWheelsSdist, mypyc], {
  if: notPullRequest,
  allowedSkips: [pushNightly],
});
const sucessPr = allsGreenJob('sucess-pr', [pureWheelsSdist, mypyc, checkDownloadArtefacts], {
  if: isPullRequest,
});

export default defineWorkflow({
  name: 'Compile PyPI package',
  on: {
    workflow_dispatch: { inputs: inputs.spec },
    workflow_call: {
      inputs: inputs.spec,
      outputs: {
        sucess: {
          description: 'Whether the build is successful or not',
          value: jobOutput(sucessPush, 'success'),
        },
      },
    },
    push: { branches: ['main'], 'paths-ignore': [...nonCodePaths] },
    pull_request: { branches: ['main'], 'paths-ignore': [...nonCodePaths] },
  },
  permissions: { contents: 'read' },
  env: {
    ...hatchEnv,
    CIBW_BUILD_FRONTEND: 'build',
    CIBW_ENVIRONMENT_PASS_LINUX: 'HATCH_BUILD_HOOKS_ENABLE MYPYPATH',
  },
  defaults: bashDefaults,
  concurrency: prConcurrency,
  jobs: [pureWheelsSdist, mypyc, checkDownloadArtefacts, pushNightly, sucessPush, sucessPr],
});
