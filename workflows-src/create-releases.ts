/**
 * The release: bump and tag (signed), build and publish the Python package to PyPI, start the next
 * dev cycle, build the standalone binaries, write the GitHub release and bump the Homebrew tap.
 */
import { callJob, ctx, defineWorkflow, job, run, uses, type Value } from '#ci';
import binaryReleasesWorkflow from './binary-releases.ts';
import compilePypiWorkflow from './compile-pypi.ts';
import { checkout, pypiPublish, setupBentoml } from './lib/actions.ts';
import { downloadAllWheels } from './lib/artifacts.ts';
import { bashDefaults, hatchEnv, isBentomlOwner } from './lib/common.ts';
import { secret } from './lib/contexts.ts';
import { gpgIdentityEnv, importBotGpg } from './lib/gpg.ts';
import releaseNotesWorkflow from './release-notes.ts';

const releaseType = ctx('inputs', 'release_type');

const checkoutWithPat = uses({
  uses: checkout,
  with: { 'fetch-depth': 0, token: secret('OPENLLM_PAT') },
});
const setupBentomlDefault = uses({
  uses: setupBentoml,
  with: { 'bentoml-version': 'main', 'python-version-file': '.python-version-default' },
});
const pullMain = 'git pull --autostash --no-edit --gpg-sign --ff origin main';

const releaseStep = run({
  id: 'release',
  name: 'Create a release',
  env: { ...gpgIdentityEnv, RELEASE_TYPE: releaseType },
  run: [
    pullMain,
    'echo "Releasing ${RELEASE_TYPE}..."',
    './.github/actions/release.sh --release "${RELEASE_TYPE}"',
  ].join('\n'),
  outputs: ['version', 'tag'],
});

const release = job('release', {
  if: isBentomlOwner,
  'runs-on': 'ubuntu-latest',
  // release.sh pushes with the PAT that checkout persisted, not with GITHUB_TOKEN.
  permissions: { contents: 'read' },
  lintAllow: { 'job-graph': 'release.sh writes version= and tag= to $GITHUB_OUTPUT' },
  // The tag (vX.Y.Z): what the build checks out and what the GitHub release is named.
  outputs: { version: releaseStep.outputs.tag },
  steps: [checkoutWithPat, setupBentomlDefault, importBotGpg, releaseStep],
});

const compilePypi = callJob('compile-pypi', [release], (needs) => ({
  name: 'Compile PyPI distribution for OpenLLM',
  if: isBentomlOwner,
  // GitHub refuses to start a run whose called jobs request more than the caller grants, even
  // jobs that would be skipped: compile-pypi's push-nightly requests id-token: write.
  permissions: { contents: 'read', 'id-token': 'write' },
  uses: compilePypiWorkflow,
  with: { tags: needs.release.outputs.version },
}));

const publishPython = job('publish-python', [compilePypi, release], (needs) => ({
  'runs-on': 'ubuntu-latest',
  permissions: { 'id-token': 'write' },
  steps: [
    uses({
      uses: checkout,
      with: { ref: needs.release.outputs.version, token: secret('OPENLLM_PAT') },
    }),
    ...downloadAllWheels('dist'),
    run({ name: 'Smoke test compiled artefacts', run: 'ls -R dist' }),
    uses({ name: 'Publish to PyPI', uses: pypiPublish, with: { 'print-hash': true } }),
  ],
}));

const binaryDistribution = callJob('binary-distribution', [compilePypi], () => ({
  name: 'Create binary/wheels distribution',
  if: isBentomlOwner,
  uses: binaryReleasesWorkflow,
}));

/**
 * Steps of a job that commits as the release bot: signed with its GPG key and pushed with the PAT
 * that checkout persisted (the job's GITHUB_TOKEN stays read-only), on top of the latest main.
 */
function botCommitSteps(step: {
  name: string;
  env: Readonly<Record<string, Value>>;
  script: string[];
}) {
  return [
    checkoutWithPat,
    setupBentomlDefault,
    importBotGpg,
    run({
      name: step.name,
      env: { ...gpgIdentityEnv, ...step.env },
      run: [pullMain, ...step.script, 'git push origin HEAD:main'].join('\n'),
    }),
  ];
}

const prepareNextDevCycle = job(
  'prepare-next-dev-cycle',
  [release, publishPython, binaryDistribution],
  (needs) => ({
    'runs-on': 'ubuntu-latest',
    permissions: { contents: 'read' },
    steps: botCommitSteps({
      name: 'Bump version to dev',
      env: { RELEASE_TAG: needs.release.outputs.version },
      script: [
        'SEMVER="${RELEASE_TAG#v}"',
        'IFS=. read -r MAJOR MINOR PATCH <<< "${SEMVER}"',
        'DEV_VERSION="${MAJOR}.${MINOR}.$((PATCH + 1)).dev0"',
        'echo "Bumping version to ${DEV_VERSION}..."',
        'for manifest in package.json openllm-node/package.json; do',
        '  jq --arg v "${DEV_VERSION}" \'.version = $v\' "${manifest}" > "${manifest}.tmp"',
        '  mv "${manifest}.tmp" "${manifest}"',
        'done',
        'git add package.json openllm-node/package.json',
        'git commit -S -sm "infra: bump to dev version of ${DEV_VERSION} [generated] [skip ci]"',
      ],
    }),
  }),
);

const releaseNotes = callJob(
  'release-notes',
  [release, publishPython, binaryDistribution],
  (needs) => ({
    name: 'Create release notes and setup for next cycle',
    if: isBentomlOwner,
    // A called workflow's token is capped by the caller: creating the release needs write.
    permissions: { contents: 'write' },
    uses: releaseNotesWorkflow,
    with: { tags: needs.release.outputs.version },
  }),
);

const bumpHomebrewTap = job(
  'bump-homebrew-tap',
  [releaseNotes, prepareNextDevCycle, release],
  (needs) => ({
    'runs-on': 'ubuntu-latest',
    permissions: { contents: 'read' },
    steps: botCommitSteps({
      name: 'Update current formula',
      env: {
        GITHUB_TOKEN: secret('HOMEBREW_GITHUB_TOKEN'),
        ORG: 'bentoml',
        ROOT: 'openllm',
        RELEASE_TAG: needs.release.outputs.version,
      },
      script: [
        'pip install fs jinja2 ghapi plumbum',
        './tools/update-brew-tap.py',
        'git add Formula',
        'git commit -S -sm "infra: bump to homebrew tap at ${RELEASE_TAG} [generated] [skip ci]"',
      ],
    }),
  }),
);

export default defineWorkflow({
  name: 'release',
  on: {
    workflow_dispatch: {
      inputs: {
        release_type: {
          description: 'Release type',
          required: true,
          type: 'choice',
          default: 'patch',
          options: ['major', 'minor', 'patch'],
        },
      },
    },
  },
  permissions: { contents: 'read' },
  env: hatchEnv,
  defaults: bashDefaults,
  jobs: [
    release,
    compilePypi,
    publishPython,
    prepareNextDevCycle,
    binaryDistribution,
    releaseNotes,
    bumpHomebrewTap,
  ],
});
