import { LOCK_PATH, type Lock, type LockEntry } from '../lock/lock.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import { GitHubError } from './github.ts';
import { proveReachable, type RepoFacts } from './reachability.ts';
import { resolveOne } from './resolve.ts';

export interface Drift {
  key: string;
  locked: string;
  /** What the tag or branch points to today. */
  current: string;
  kind: LockEntry['kind'];
}

export interface VerifyReport {
  checked: number;
  drift: Drift[];
  /** Errors: SHAs no tag or branch reaches any more, refs that vanished. */
  diagnostics: Diagnostic[];
}

/**
 * Re-resolves every lock entry online: reports tags and branches that now point elsewhere
 * (drift), and locked SHAs that are no longer reachable from any tag or branch.
 */
export async function verifyLock(
  lock: Lock,
  facts: RepoFacts,
  onProgress?: (done: number, total: number, name: string) => void,
): Promise<VerifyReport> {
  const keys = Object.keys(lock.actions).sort();
  const drift: Drift[] = [];
  const diagnostics: Diagnostic[] = [];
  const error = (key: string, message: string) =>
    diagnostics.push({
      severity: 'error',
      file: LOCK_PATH,
      path: key,
      message,
      rule: 'pin-verify',
    });
  // Sub-actions of one repository share a resolution.
  const memo = new Map<string, ReturnType<typeof check>>();
  let done = 0;
  await Promise.all(
    keys.map(async (key) => {
      const entry = lock.actions[key]!;
      const at = key.lastIndexOf('@');
      const [owner, repo] = key.slice(0, at).split('/') as [string, string];
      const constraint = key.slice(at + 1);
      const id = `${owner}/${repo}@${constraint}@${entry.sha}`;
      if (!memo.has(id)) memo.set(id, check(facts, owner, repo, constraint, entry));
      const r = await memo.get(id)!;
      onProgress?.(++done, keys.length, key);
      if (r.error) error(key, r.error);
      if (r.warning)
        diagnostics.push({
          severity: 'warning',
          file: LOCK_PATH,
          path: key,
          message: r.warning,
          rule: 'pin-verify',
        });
      if (r.current && r.current !== entry.sha)
        drift.push({ key, locked: entry.sha, current: r.current, kind: entry.kind });
    }),
  );
  drift.sort((a, b) => a.key.localeCompare(b.key));
  diagnostics.sort((a, b) => (a.path ?? '').localeCompare(b.path ?? ''));
  return { checked: keys.length, drift, diagnostics };
}

async function check(
  facts: RepoFacts,
  owner: string,
  repo: string,
  constraint: string,
  entry: LockEntry,
): Promise<{ current?: string; error?: string; warning?: string }> {
  try {
    let current: string | undefined;
    let warning: string | undefined;
    if (entry.kind !== 'sha') {
      const now = await resolveOne(facts, owner, repo, constraint, { alwaysCheckBranch: true });
      if (!now.ok) return { error: now.message };
      current = now.entry.sha;
      warning = now.warning;
      if (current === entry.sha) return { current, ...(warning ? { warning } : {}) };
    }
    const proof = await proveReachable(
      facts,
      owner,
      repo,
      entry.sha,
      entry.kind === 'sha' ? undefined : constraint,
    );
    return {
      ...(current ? { current } : {}),
      ...(warning ? { warning } : {}),
      ...(proof.ok ? {} : { error: `locked ${entry.sha}: ${proof.reason}` }),
    };
  } catch (e) {
    if (e instanceof GitHubError) return { error: e.message };
    throw e;
  }
}
