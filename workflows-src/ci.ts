/** Tests on every supported OS and Python, CLI start-up time, and the Homebrew formula. */
import { and, defineWorkflow, github, job, lit, named, not, run, uses } from '#ci';
import {
  checkout,
  downloadArtifact,
  setupBentoml,
  stickyComment,
  uploadArtifact,
} from './lib/actions.ts';
import { allsGreenJob } from './lib/alls-green.ts';
import {
  bashDefaults,
  commonEnv,
  isPullRequest,
  nonCodePaths,
  prConcurrency,
} from './lib/common.ts';

/** The test matrix's dimensions. */
const matrix = named('matrix', ['os', 'python-version']);

/** v4 artifacts are immutable: each matrix entry uploads its own, the report merges them. */
const COVERAGE_DATA = 'coverage-data';

const fullCheckout = uses({ uses: checkout, with: { 'fetch-depth': 0 } });
const setupBentomlDefault = uses({
  uses: setupBentoml,
  with: { 'bentoml-version': 'main', 'python-version-file': '.python-version-default' },
});

const tests = job('tests', {
  name: `tests (${matrix['python-version']}.${matrix.os})`,
  'runs-on': matrix.os,
  strategy: {
    'fail-fast': false,
    matrix: {
      os: ['ubuntu-latest', 'macos-latest', 'windows-latest'],
      'python-version': ['3.8', '3.11'],
      exclude: [{ os: 'windows-latest' }],
    },
  },
  steps: [
    fullCheckout,
    uses({
      uses: setupBentoml,
      with: { 'bentoml-version': 'main', 'python-version': matrix['python-version'] },
    }),
    run({ name: 'Run tests', run: 'hatch run tests:python' }),
    run({
      name: 'Disambiguate coverage filename',
      run: `mv .coverage ".coverage.${matrix.os}.${matrix['python-version']}"`,
    }),
    uses({
      name: 'Upload coverage data',
      uses: uploadArtifact,
      with: {
        name: `${COVERAGE_DATA}-${matrix.os}-${matrix['python-version']}`,
        path: '.coverage.*',
        // `.coverage.*` files are hidden; upload-artifact skips hidden files since v4.4.
        'include-hidden-files': true,
        'if-no-files-found': 'error',
      },
    }),
  ],
});

const coverage = job('coverage', [tests], () => ({
  name: 'report-coverage',
  // Disabled since 2023; kept so that it can be switched back on in one place.
  if: lit(false),
  'runs-on': 'ubuntu-latest',
  permissions: { contents: 'read', 'pull-requests': 'write' },
  steps: [
    fullCheckout,
    setupBentomlDefault,
    uses({
      name: 'Download coverage data',
      uses: downloadArtifact,
      with: { pattern: `${COVERAGE_DATA}-*`, 'merge-multiple': true },
    }),
    run({ name: 'Combine coverage data', run: 'hatch run coverage:combine' }),
    run({
      name: 'Export coverage reports',
      run: [
        'hatch run coverage:report-xml openllm-python',
        'hatch run coverage:report-uncovered-html openllm-python',
      ].join('\n'),
    }),
    uses({
      name: 'Upload uncovered HTML report',
      uses: uploadArtifact,
      with: { name: 'uncovered-html-report', path: 'htmlcov' },
    }),
    run({ name: 'Generate coverage summary', run: 'hatch run coverage:generate-summary' }),
    run({
      name: 'Write coverage summary report',
      if: isPullRequest,
      run: 'hatch run coverage:write-summary-report',
    }),
    uses({
      name: 'Update coverage pull request comment',
      if: and(isPullRequest, not(github.event('pull_request.head.repo.fork'))),
      uses: stickyComment,
      with: { path: 'coverage-report.md' },
    }),
  ],
}));

const cliBenchmark = job('cli-benchmark', {
  name: 'Check for CLI responsiveness',
  'runs-on': 'ubuntu-latest',
  env: { HYPERFINE_VERSION: '1.12.0' },
  steps: [
    fullCheckout,
    run({
      name: 'Install hyperfine',
      run: [
        'wget "https://github.com/sharkdp/hyperfine/releases/download/v${HYPERFINE_VERSION}/hyperfine_${HYPERFINE_VERSION}_amd64.deb"',
        'sudo dpkg -i "hyperfine_${HYPERFINE_VERSION}_amd64.deb"',
      ].join('\n'),
    }),
    setupBentomlDefault,
    run({ name: 'Install self', run: 'pip install ./openllm-python' }),
    run({ name: 'Speed', run: 'hyperfine -m 100 --warmup 10 openllm' }),
  ],
});

const brewDryRun = job('brew-dry-run', {
  name: 'Running dry-run tests for brew',
  'runs-on': 'macos-latest',
  steps: [
    run({
      name: 'Install tap and dry-run',
      run: [
        'brew tap bentoml/openllm https://github.com/bentoml/openllm',
        'brew install openllm',
        'openllm --help',
        'openllm models --show-available',
      ].join('\n'),
    }),
  ],
});

const evergreen = allsGreenJob('evergreen', [tests, cliBenchmark, brewDryRun]);

export default defineWorkflow({
  name: 'Continuous Integration',
  on: {
    push: { branches: ['main'], 'paths-ignore': [...nonCodePaths] },
    pull_request: { branches: ['main'], 'paths-ignore': [...nonCodePaths] },
  },
  permissions: { contents: 'read' },
  env: commonEnv,
  defaults: bashDefaults,
  concurrency: prConcurrency,
  jobs: [tests, coverage, cliBenchmark, brewDryRun, evergreen],
});
