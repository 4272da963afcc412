/** Writes the release notes and creates the GitHub release with the wheels, binaries, installers. */
import { defineInputs, defineWorkflow, job, run, uses } from '#ci';
import { checkout, downloadArtifact, ghRelease } from './lib/actions.ts';
import { downloadAllWheels, INSTALLERS, STANDALONE_PREFIX } from './lib/artifacts.ts';
import { bashDefaults, commonEnv, isBentomlOwner } from './lib/common.ts';

export const inputs = defineInputs({
  tags: { type: 'string', required: true, description: 'Tag for releases' },
});

/** What the GitHub release attaches (the source archives GitHub adds itself). */
export const RELEASE_FILES = ['dist/*', 'archives/*', 'installers/*'] as const;

const genReleaseNotes = job('gen-release-notes', {
  if: isBentomlOwner,
  'runs-on': 'ubuntu-latest',
  permissions: { contents: 'write' },
  steps: [
    uses({ uses: checkout, with: { 'fetch-depth': 0, ref: inputs.ref.tags } }),
    run({
      name: 'Create release notes',
      env: { TAG: inputs.ref.tags },
      run: './.github/actions/create_release_and_archive.sh "${TAG}"',
    }),
    ...downloadAllWheels('dist'),
    uses({
      name: 'Download standalone binaries',
      uses: downloadArtifact,
      with: { pattern: `${STANDALONE_PREFIX}*`, path: 'archives', 'merge-multiple': true },
    }),
    uses({
      name: 'Download Windows installers',
      uses: downloadArtifact,
      with: { name: INSTALLERS, path: 'installers' },
    }),
    uses({
      name: 'Create release',
      uses: ghRelease,
      with: {
        generate_release_notes: true,
        body_path: 'release_notes.txt',
        fail_on_unmatched_files: true,
        tag_name: inputs.ref.tags,
        files: RELEASE_FILES.join('\n'),
      },
    }),
  ],
});

export default defineWorkflow({
  name: 'release-notes',
  on: {
    workflow_dispatch: { inputs: inputs.spec },
    workflow_call: { inputs: inputs.spec },
  },
  permissions: { contents: 'read' },
  env: commonEnv,
  defaults: bashDefaults,
  jobs: [genReleaseNotes],
});
