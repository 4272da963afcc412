/**
 * Dependabot (v2). Python and npm dependencies are Dependabot's; action pins are the lock's
 * (`generated/actions.lock.json`, moved by `pnpm pin --update` in cron.yml). Dependabot's
 * github-actions updates still run — they are GitHub's channel for security updates of actions —
 * but only inside the current major, so a bump it proposes is one `pnpm pin --absorb` can take
 * into the lock under the same constraint; new majors are a one-line change in
 * workflows-src/lib/actions.ts. See docs/workflows.md.
 */
import { defineDependabot } from '#ci';

const weeklyMonday = { interval: 'weekly', day: 'monday', time: '09:00' } as const;

export default defineDependabot({
  version: 2,
  updates: [
    {
      'package-ecosystem': 'github-actions',
      directory: '/',
      schedule: weeklyMonday,
      ignore: [{ 'dependency-name': '*', 'update-types': ['version-update:semver-major'] }],
      // One PR for every action, absorbed into the lock in one go.
      groups: { actions: { patterns: ['*'] } },
    },
    {
      'package-ecosystem': 'pip',
      directory: '/openllm-python',
      schedule: { interval: 'weekly' },
      'open-pull-requests-limit': 5,
      'versioning-strategy': 'increase-if-necessary',
    },
    {
      'package-ecosystem': 'npm',
      directory: '/',
      schedule: { interval: 'weekly' },
      'open-pull-requests-limit': 5,
    },
  ],
});
