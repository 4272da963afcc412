/** Deletes the Actions caches of a pull request's merge ref once the PR is closed. */
import { defineWorkflow, github, job, run } from '#ci';
import { secret } from './lib/contexts.ts';

const cleanup = job('cleanup', {
  'runs-on': 'ubuntu-latest',
  permissions: { actions: 'write' },
  steps: [
    run({
      name: 'Cleanup',
      env: {
        GH_TOKEN: secret('GITHUB_TOKEN'),
        REPO: github.repository,
        BRANCH: `refs/pull/${github.event('pull_request.number')}/merge`,
      },
      // `gh cache` replaced the gh actions-cache extension; one failed deletion must not fail the job.
      run: [
        'echo "Fetching list of cache keys"',
        'cache_keys="$(gh cache list --repo "${REPO}" --ref "${BRANCH}" --limit 100 --json id --jq \'.[].id\')"',
        'set +e',
        'echo "Deleting caches..."',
        'for key in ${cache_keys}; do',
        '  gh cache delete "${key}" --repo "${REPO}"',
        'done',
        'echo "Done"',
      ].join('\n'),
    }),
  ],
});

export default defineWorkflow({
  name: 'Cleanup PR cache',
  on: { pull_request: { types: ['closed'] } },
  permissions: { contents: 'read' },
  jobs: [cleanup],
});
