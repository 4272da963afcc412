/**
 * Refreshes every action pin to the newest commit of its constraint with this project's own
 * `pnpm pin --update`, regenerates the workflows, and opens one signed PR with the lock, the
 * typed bindings and the YAML together.
 */
import { defineWorkflow, github, job, or, run, uses } from '#ci';
import { checkout, createPullRequest, pnpmSetup, setupNode } from './lib/actions.ts';
import { bashDefaults } from './lib/common.ts';
import { secret } from './lib/contexts.ts';
import { gpgIdentityEnv, importBotGpg } from './lib/gpg.ts';

export const CRON_SCHEDULE = '42 2 * * SUN-WED';
export const PR_TITLE = 'ci: update lock actions [generated]';

const bot = `${gpgIdentityEnv.GIT_AUTHOR_NAME} <${gpgIdentityEnv.GIT_AUTHOR_EMAIL}>`;

const updateActions = job('update-actions', {
  name: 'Ratchet update',
  'runs-on': 'ubuntu-latest',
  // The branch and the PR are made with the PAT (see below), not with GITHUB_TOKEN.
  permissions: { contents: 'read' },
  steps: [
    uses({ uses: checkout, with: { 'persist-credentials': false } }),
    // Version from package.json's packageManager field.
    uses({ name: 'Set up pnpm', uses: pnpmSetup }),
    uses({
      name: 'Set up Node',
      uses: setupNode,
      with: { 'node-version': 20, cache: 'pnpm' },
    }),
    run({ name: 'Install dependencies', run: 'pnpm install --frozen-lockfile' }),
    run({
      name: 'Update every pin to the newest commit of its constraint',
      env: { GITHUB_TOKEN: secret('GITHUB_TOKEN') },
      run: 'pnpm pin --update',
    }),
    run({ name: 'Regenerate the workflows from the new lock', run: 'pnpm gen' }),
    importBotGpg,
    uses({
      name: 'Create pull request',
      uses: createPullRequest,
      with: {
        // A PAT: the PR changes .github/workflows (GITHUB_TOKEN may not), and its CI must run.
        token: secret('OPENLLM_PAT'),
        title: PR_TITLE,
        'commit-message': PR_TITLE,
        body: 'Automated update of the action pins (`pnpm pin --update` then `pnpm gen`).',
        branch: 'cron/ratchet',
        'branch-suffix': 'timestamp',
        'delete-branch': true,
        reviewers: 'aarnphm',
        committer: bot,
        author: bot,
        signoff: true,
      },
    }),
  ],
});

export default defineWorkflow({
  name: 'Cron update',
  on: {
    workflow_dispatch: null,
    schedule: [{ cron: CRON_SCHEDULE }],
  },
  permissions: { contents: 'read' },
  defaults: bashDefaults,
  concurrency: {
    group: `cron-${or(github.head_ref, github.run_id)}`,
    'cancel-in-progress': true,
  },
  jobs: [updateActions],
});
