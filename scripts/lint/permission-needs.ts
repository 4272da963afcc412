import { isScalar } from 'yaml';
import {
  getNode,
  getString,
  usesName,
  type JobView,
  type StepView,
  type Workflow,
} from './workflow.ts';

/** Token scopes a step needs, scope → why; `unknown` when it cannot be told from the workflow. */
export type Needs = Map<string, string> | 'unknown';

/** True when the value hands the step the workflow's own GITHUB_TOKEN. */
export function isGithubToken(value: string | undefined): boolean {
  return value !== undefined && /secrets\.GITHUB_TOKEN\b|github\.token\b/i.test(value);
}

/** A token input that is absent (the action defaults to github.token) or names the GITHUB_TOKEN. */
function usesGithubToken(step: StepView, input: string): boolean {
  const v = getString(getNode(step.node, 'with'), input);
  return v === undefined || isGithubToken(v);
}

type ActionNeeds = (step: StepView) => Record<string, string> | 'unknown';
const NONE: Record<string, string> = {};

/** Known actions and the write scopes they need from the GITHUB_TOKEN. */
export const ACTION_NEEDS: Record<string, ActionNeeds> = {
  'docker/login-action': (s) => {
    const w = getNode(s.node, 'with');
    const registry = getString(w, 'registry') ?? '';
    return /ghcr\.io/.test(registry) && isGithubToken(getString(w, 'password'))
      ? { packages: 'docker/login-action logs in to ghcr.io with the GITHUB_TOKEN' }
      : NONE;
  },
  'github/codeql-action/upload-sarif': (s) =>
    usesGithubToken(s, 'token')
      ? { 'security-events': 'upload-sarif uploads code-scanning results' }
      : NONE,
  'github/codeql-action/analyze': (s) =>
    usesGithubToken(s, 'token') ? { 'security-events': 'codeql analyze uploads results' } : NONE,
  'pypa/gh-action-pypi-publish': (s) =>
    getString(getNode(s.node, 'with'), 'password') === undefined
      ? { 'id-token': 'PyPI trusted publishing exchanges an OIDC token' }
      : NONE,
  'softprops/action-gh-release': (s) =>
    usesGithubToken(s, 'token') ? { contents: 'action-gh-release creates the release' } : NONE,
  'peter-evans/create-pull-request': (s) =>
    usesGithubToken(s, 'token')
      ? {
          contents: 'create-pull-request pushes the branch',
          'pull-requests': 'create-pull-request opens the pull request',
        }
      : NONE,
  'marocchino/sticky-pull-request-comment': (s) =>
    usesGithubToken(s, 'GITHUB_TOKEN')
      ? { 'pull-requests': 'it comments on the pull request' }
      : NONE,
  'actions/attest-build-provenance': () => ({
    'id-token': 'attestations are signed with an OIDC token',
    attestations: 'it stores the attestation',
  }),
  'actions/attest-sbom': () => ({
    'id-token': 'attestations are signed with an OIDC token',
    attestations: 'it stores the attestation',
  }),
  'actions/deploy-pages': () => ({
    pages: 'it deploys GitHub Pages',
    'id-token': 'deploy-pages authenticates with an OIDC token',
  }),
  'aws-actions/configure-aws-credentials': (s) => {
    const w = getNode(s.node, 'with');
    return getString(w, 'role-to-assume') !== undefined &&
      getString(w, 'aws-access-key-id') === undefined
      ? { 'id-token': 'assuming an AWS role without keys uses an OIDC token' }
      : NONE;
  },
  'aquasecurity/trivy-action': (s) => {
    const w = getNode(s.node, 'with');
    return getString(w, 'format') === 'github' && usesGithubToken(s, 'github-pat')
      ? { contents: 'trivy submits the SBOM to the dependency graph' }
      : NONE;
  },
  'stefanzweifel/git-auto-commit-action': () => ({ contents: 'it pushes a commit' }),
  'actions/labeler': () => ({ 'pull-requests': 'it labels pull requests' }),
  'actions/stale': () => ({
    issues: 'it closes stale issues',
    'pull-requests': 'it closes stale pull requests',
  }),
  'ncipollo/release-action': (s) =>
    usesGithubToken(s, 'token') ? { contents: 'release-action creates the release' } : NONE,
  'svenstaro/upload-release-action': (s) =>
    usesGithubToken(s, 'repo_token') ? { contents: 'it uploads release assets' } : NONE,
  'actions/create-release': () => ({ contents: 'it creates the release' }),
  'actions/upload-release-asset': () => ({ contents: 'it uploads release assets' }),
  'ad-m/github-push-action': (s) =>
    usesGithubToken(s, 'github_token') ? { contents: 'it pushes commits' } : NONE,
  'endbug/add-and-commit': () => ({ contents: 'it pushes a commit' }),
  'release-drafter/release-drafter': () => ({
    contents: 'it drafts the release',
    'pull-requests': 'it labels pull requests',
  }),
  'googleapis/release-please-action': (s) =>
    usesGithubToken(s, 'token')
      ? { contents: 'it tags and releases', 'pull-requests': 'it opens the release PR' }
      : NONE,
  'actions/github-script': (s) => (usesGithubToken(s, 'github-token') ? 'unknown' : NONE),
};

const GH_COMMANDS: Array<[RegExp, string, string]> = [
  [/\bgh\s+release\s+(create|upload|edit|delete)\b/, 'contents', '`gh release` writes releases'],
  [
    /\bgh\s+pr\s+(create|comment|edit|merge|review|close|ready)\b/,
    'pull-requests',
    '`gh pr` writes pull requests',
  ],
  [/\bgh\s+issue\s+(create|comment|edit|close|reopen)\b/, 'issues', '`gh issue` writes issues'],
  [
    /\bgh\s+(cache|actions-cache)\s+delete\b/,
    'actions',
    '`gh cache delete` deletes Actions caches',
  ],
  [
    /\bgh\s+(workflow\s+run|run\s+(rerun|cancel))\b/,
    'actions',
    '`gh workflow/run` starts or cancels runs',
  ],
  [/\bgh\s+label\s+(create|edit|delete)\b/, 'issues', '`gh label` writes labels'],
];

/** Env value visible to a step for `name` (step, then job, then workflow). */
function envValue(wf: Workflow, job: JobView, step: StepView, name: string): string | undefined {
  for (const scope of [step.node, job.node, wf.root]) {
    const v = getString(getNode(scope, 'env'), name);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Whether `git push` in this job would use the GITHUB_TOKEN persisted by actions/checkout. */
function pushesWithGithubToken(job: JobView): boolean {
  const checkout = job.steps.find(
    (s) => s.uses && usesName(String(s.uses.value)) === 'actions/checkout',
  );
  if (!checkout) return false;
  const w = getNode(checkout.node, 'with');
  if (getString(w, 'persist-credentials') === 'false') return false;
  const token = getString(w, 'token');
  return token === undefined || isGithubToken(token);
}

export function stepNeeds(wf: Workflow, job: JobView, step: StepView): Needs {
  const out = new Map<string, string>();
  if (step.uses && typeof step.uses.value === 'string') {
    const known = ACTION_NEEDS[usesName(step.uses.value)];
    if (known) {
      const r = known(step);
      if (r === 'unknown') return 'unknown';
      for (const [k, v] of Object.entries(r)) out.set(k, v);
    }
  }
  if (step.run && isScalar(step.run) && typeof step.run.value === 'string') {
    const script = step.run.value;
    if (/\bgit\s+push\b/.test(script) && pushesWithGithubToken(job))
      out.set('contents', '`git push` with the token persisted by actions/checkout');
    if (/\bcosign\s+sign\b/.test(script) && !/--key\b/.test(script))
      out.set('id-token', 'keyless `cosign sign` uses an OIDC token');
    const ghToken = envValue(wf, job, step, 'GH_TOKEN') ?? envValue(wf, job, step, 'GITHUB_TOKEN');
    if (isGithubToken(ghToken)) {
      if (/\bgh\s+api\b/.test(script)) return 'unknown';
      for (const [re, scope, why] of GH_COMMANDS) if (re.test(script)) out.set(scope, why);
    }
  }
  return out;
}

/** Union of the job's step needs; `unknown` for reusable-workflow calls and unknowable steps. */
export function jobNeeds(wf: Workflow, job: JobView): Needs {
  if (getNode(job.node, 'uses')) return 'unknown';
  const out = new Map<string, string>();
  for (const step of job.steps) {
    const n = stepNeeds(wf, job, step);
    if (n === 'unknown') return 'unknown';
    for (const [k, v] of n) if (!out.has(k)) out.set(k, v);
  }
  return out;
}

/** `{contents: read, packages: write}` — the narrowest block for these needs. */
export function narrowestBlock(needs: Map<string, string>): string {
  const scopes = new Map<string, string>([['contents', 'read']]);
  for (const k of [...needs.keys()].sort()) scopes.set(k, 'write');
  return `{ ${[...scopes].map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
}
