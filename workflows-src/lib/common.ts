/** What most workflows share: env, the bash defaults, PR/push concurrency, repository guards. */
import { eq, github, ne, or, type Expr } from '#ci';

/** Environment every Python-running workflow sets. */
export const commonEnv = {
  LINES: 120,
  COLUMNS: 120,
  OPENLLM_DO_NOT_TRACK: true,
  PYTHONUNBUFFERED: '1',
} as const;

/** `commonEnv` plus hatch's verbosity, for workflows that build with hatch. */
export const hatchEnv = { ...commonEnv, HATCH_VERBOSE: 2 } as const;

/** Strict bash for every `run:` step: trace, exit on error, fail pipelines. */
export const bashDefaults = {
  run: { shell: 'bash --noprofile --norc -exo pipefail {0}' },
} as const;

/** One run per PR (or per commit on push); a newer push cancels the older run. */
export const prConcurrency = {
  group: `${github.workflow}-${or(github.event('pull_request.number'), github.sha)}`,
  'cancel-in-progress': true,
} as const;

/** Skips forks: these jobs need the organisation's secrets and runners. */
export const isOpenLLM: Expr = eq(github.repository, 'bentoml/OpenLLM');
/** Release jobs run only in the organisation's repository. */
export const isBentomlOwner: Expr = eq(github.repository_owner, 'bentoml');

export const isPullRequest: Expr = eq(github.event_name, 'pull_request');
export const notPullRequest: Expr = ne(github.event_name, 'pull_request');

/**
 * Not a pull request from a fork: such runs get no secrets and a read-only token, and must never
 * reach the organisation's self-hosted runners.
 */
export const notFromFork: Expr = or(
  notPullRequest,
  eq(github.event('pull_request.head.repo.full_name'), github.repository),
);

/** Paths whose changes never affect the Python package (docs, assets, the Clojure UI, …). */
export const nonCodePaths = [
  'docs/**',
  'bazel/**',
  'typings/**',
  '*.md',
  'changelog.d/**',
  'assets/**',
  'contrib/clojure/**',
] as const;
