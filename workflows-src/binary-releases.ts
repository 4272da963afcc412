/**
 * Standalone PyApp binaries of the `openllm` CLI for Linux, Windows and macOS, plus Windows
 * installers; called by the release workflow, which publishes them on the GitHub release.
 */
import { ctx, defineWorkflow, eq, github, job, ne, not, run, runner, startsWith, uses } from '#ci';
import {
  checkout,
  downloadArtifact,
  installAction,
  rustToolchain,
  setupBentoml,
  setupPython,
  uploadArtifact,
} from './lib/actions.ts';
import { BINARY_ARTEFACTS, INSTALLERS, STAGED_PREFIX, STANDALONE_PREFIX } from './lib/artifacts.ts';
import { bashDefaults, notPullRequest, prConcurrency } from './lib/common.ts';

const target = ctx('matrix', 'job', 'target');
const os = ctx('matrix', 'job', 'os');
const cross = ctx('matrix', 'job', 'cross');
/** Tag builds package the released version from PyPI; others embed the wheel just built. */
const notTagBuild = not(startsWith(github.event('ref'), 'refs/tags'));

const linux = (t: string) => ({ target: t, os: 'ubuntu-22.04', cross: true });
const windows = (t: string) => ({ target: t, os: 'windows-2022' });

const fullCheckout = uses({ uses: checkout, with: { 'fetch-depth': 0 } });
const pullLatest = run({
  name: 'Pull latest change',
  // On a release, main has moved on to the version commit since this run started.
  if: notPullRequest,
  run: 'git pull --autostash --no-edit --gpg-sign --ff origin main',
});
const setupPythonDefault = uses({
  uses: setupPython,
  with: { 'python-version-file': '.python-version-default' },
});

const pythonArtifacts = job('python-artifacts', {
  name: 'Build wheel and source distribution',
  if: ne(github.actor, 'dependabot[bot]'),
  'runs-on': 'ubuntu-latest',
  steps: [
    fullCheckout,
    uses({
      uses: setupBentoml,
      with: { 'bentoml-version': 'main', 'python-version-file': '.python-version-default' },
    }),
    pullLatest,
    run({ name: 'Install build frontend', run: 'python -m pip install --upgrade build' }),
    run({ name: 'Build', run: 'python -m build -sw openllm-python/' }),
    uses({
      name: 'Upload artifacts',
      uses: uploadArtifact,
      with: { name: BINARY_ARTEFACTS, path: 'openllm-python/dist/*', 'if-no-files-found': 'error' },
    }),
  ],
});

const version = run({
  id: 'version',
  name: 'Normalise the version',
  // Windows installers need integer version parts: X.Y.Z.devN becomes X.Y.Z.N.
  run: [
    'version="$(hatch version)"',
    'if [[ "${version}" =~ ^([0-9]+\\.[0-9]+\\.[0-9]+)\\.dev([0-9]+)$ ]]; then',
    '  version="${BASH_REMATCH[1]}.${BASH_REMATCH[2]}"',
    'fi',
    'echo "version=${version}" >> "$GITHUB_OUTPUT"',
  ].join('\n'),
  outputs: ['version'],
});

const binaries = job('binaries', [pythonArtifacts], () => ({
  name: `${target} (${os})`,
  'runs-on': `${os}`,
  defaults: { run: { 'working-directory': 'openllm-python' } },
  strategy: {
    'fail-fast': false,
    matrix: {
      job: [
        linux('aarch64-unknown-linux-gnu'),
        linux('x86_64-unknown-linux-gnu'),
        linux('x86_64-unknown-linux-musl'),
        linux('i686-unknown-linux-gnu'),
        linux('powerpc64le-unknown-linux-gnu'),
        windows('x86_64-pc-windows-msvc'),
        windows('i686-pc-windows-msvc'),
        // macos-12 is retired: each macOS target builds natively on a current image.
        { target: 'aarch64-apple-darwin', os: 'macos-15' },
        { target: 'x86_64-apple-darwin', os: 'macos-15-intel' },
      ],
    },
  },
  outputs: { version: version.outputs.version },
  env: {
    CARGO: 'cargo',
    CARGO_BUILD_TARGET: target,
    PYAPP_REPO: 'pyapp',
    PYAPP_VERSION: '0.10.1',
    PYAPP_PIP_EXTERNAL: 'true',
  },
  steps: [
    fullCheckout,
    pullLatest,
    run({
      name: 'Fetch PyApp',
      run: [
        'mkdir "${PYAPP_REPO}"',
        'curl -fsSL "https://github.com/ofek/pyapp/releases/download/v${PYAPP_VERSION}/source.tar.gz" | tar --strip-components=1 -xzf - -C "${PYAPP_REPO}"',
      ].join('\n'),
    }),
    setupPythonDefault,
    run({ name: 'Install Hatch', run: 'pip install -U hatch' }),
    uses({ name: 'Install Rust toolchain', uses: rustToolchain, with: { targets: target } }),
    uses({
      name: 'Set up cross compiling',
      if: cross,
      uses: installAction,
      with: { tool: 'cross' },
    }),
    run({
      name: 'Configure cross compiling',
      if: cross,
      run: 'echo "CARGO=cross" >> "$GITHUB_ENV"',
    }),
    run({
      name: 'Configure target',
      env: { TARGET: target },
      run: [
        'config_file="${PYAPP_REPO}/.cargo/config_${TARGET}.toml"',
        'if [[ -f "${config_file}" ]]; then',
        '  mv "${config_file}" "${PYAPP_REPO}/.cargo/config.toml"',
        'fi',
      ].join('\n'),
    }),
    uses({
      name: 'Download Python artifacts',
      if: notTagBuild,
      uses: downloadArtifact,
      with: { name: BINARY_ARTEFACTS, path: 'openllm-python/dist' },
    }),
    run({
      name: 'Configure embedded project',
      if: notTagBuild,
      run: [
        'cd dist',
        'wheel="$(echo *.whl)"',
        'mv "${wheel}" "../${PYAPP_REPO}"',
        'echo "PYAPP_PROJECT_PATH=${wheel}" >> "$GITHUB_ENV"',
      ].join('\n'),
    }),
    run({ name: 'Build binary', run: 'hatch build --target app' }),
    run({
      name: 'Correct binary version naming',
      if: notTagBuild,
      run: [
        'cd dist/app',
        'find . -type f -iname "openllm-*" | while read -r file; do',
        '  binary="$(echo "${file}" | sed -E \'s/(openllm)-.*(\\.exe)?/\\1\\2/\')"',
        '  mv "${file}" "${binary}"',
        'done',
      ].join('\n'),
    }),
    version,
    run({
      name: 'Archive binary',
      run: [
        'mkdir packaging',
        'cd dist/app',
        'find . -type f -iname "openllm-*" | while read -r file; do',
        '  if [[ "${file}" =~ -pc-windows- ]]; then',
        '    7z a "../../packaging/${file:0:-4}.zip" "${file}"',
        '  else',
        '    chmod +x "${file}"',
        '    tar -czf "../../packaging/${file}.tar.gz" "${file}"',
        '  fi',
        'done',
      ].join('\n'),
    }),
    uses({
      name: 'Upload staged archive',
      if: ne(runner.os, 'Linux'),
      uses: uploadArtifact,
      with: {
        name: `${STAGED_PREFIX}${runner.os}-${target}`,
        path: 'openllm-python/packaging/*',
        'if-no-files-found': 'error',
      },
    }),
    uses({
      name: 'Upload archive',
      if: eq(runner.os, 'Linux'),
      uses: uploadArtifact,
      with: {
        name: `${STANDALONE_PREFIX}${target}`,
        path: 'openllm-python/packaging/*',
        'if-no-files-found': 'error',
      },
    }),
  ],
}));

const windowsPackaging = job('windows-packaging', [binaries], (needs) => ({
  name: 'Build Windows installers',
  if: notPullRequest,
  'runs-on': 'windows-2022',
  env: { VERSION: needs.binaries.outputs.version },
  steps: [
    uses({ uses: checkout }),
    setupPythonDefault,
    run({
      name: `Install PyOxidizer ${ctx('env', 'PYOXIDIZER_VERSION')}`,
      run: 'pip install "pyoxidizer==${PYOXIDIZER_VERSION}"',
    }),
    uses({
      name: 'Download staged binaries',
      uses: downloadArtifact,
      with: { pattern: `${STAGED_PREFIX}${runner.os}-*`, path: 'archives', 'merge-multiple': true },
    }),
    run({
      name: 'Extract staged binaries',
      run: ['mkdir -p bin', 'for f in archives/*; do', '  7z e "${f}" -obin', 'done'].join('\n'),
    }),
    run({
      name: 'Build installers',
      run: 'pyoxidizer build windows_installers --release --var version "${VERSION}"',
    }),
    run({
      name: 'Prepare installers',
      run: ['mkdir installers', 'mv build/*/release/*/*.{exe,msi} installers'].join('\n'),
    }),
    uses({
      name: 'Upload binaries',
      uses: uploadArtifact,
      with: {
        name: `${STANDALONE_PREFIX}windows`,
        path: 'archives/*',
        'if-no-files-found': 'error',
      },
    }),
    uses({
      name: 'Upload installers',
      uses: uploadArtifact,
      with: { name: INSTALLERS, path: 'installers/*', 'if-no-files-found': 'error' },
    }),
  ],
}));

export default defineWorkflow({
  name: 'binary-distribution',
  on: {
    workflow_call: null,
    workflow_dispatch: null,
    pull_request: {
      branches: ['main'],
      'paths-ignore': [
        '*.md',
        'docs/**',
        'bazel/**',
        'typings/**',
        'changelog.d/**',
        'assets/**',
        'openllm-node/**',
        'Formula/**',
        'contrib/clojure/**',
      ],
    },
  },
  permissions: { contents: 'read' },
  env: { APP_NAME: 'openllm', PYOXIDIZER_VERSION: '0.24.0', HATCH_VERBOSE: 2 },
  defaults: bashDefaults,
  concurrency: prConcurrency,
  jobs: [pythonArtifacts, binaries, windowsPackaging],
});
