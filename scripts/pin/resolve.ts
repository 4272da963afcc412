import type { Diagnostic } from '../core/diagnostics.ts';
import { isFullSha, lockKey, type Lock, type LockEntry } from '../lock/lock.ts';
import { GitHubError, type GitHubApi } from './github.ts';
import { proveReachable, RepoFacts } from './reachability.ts';
import type { UsedRef } from './types.ts';

/** What one pinning pass did; keys are lock keys (`owner/repo[/path]@constraint`). */
export interface PinReport {
  added: string[];
  updated: { key: string; from: string; to: string }[];
  unchanged: string[];
  removed: string[];
  /** Errors (nothing may be written) and warnings (e.g. a name that is both tag and branch). */
  diagnostics: Diagnostic[];
}

export interface ResolveOptions {
  /** Re-resolve every tag and branch constraint, not only those missing from the lock. */
  update?: boolean;
  /** Called after each unique ref is resolved. */
  onProgress?: (done: number, total: number, name: string) => void;
}

export interface ResolveResult {
  /** False when any ref failed: `lock` must then not be written. */
  ok: boolean;
  lock: Lock;
  report: PinReport;
}

/** What one constraint of a repository resolved to. */
export type Resolution =
  { ok: true; entry: LockEntry; warning?: string } | { ok: false; message: string; fix?: string };

const VERSION_LIKE = /^v?\d+(\.\d+)*$/;
const SHORT_SHA = /^[0-9a-f]{7,39}$/i;

/**
 * Brings the lock in line with the refs the sources use: resolves what is missing (or, with
 * `update`, everything), drops what no source uses. One resolution per unique
 * `owner/repo@constraint`, however many files and sub-actions use it.
 */
export async function resolveRefs(
  refs: readonly UsedRef[],
  lock: Lock,
  api: GitHubApi,
  opts: ResolveOptions = {},
): Promise<ResolveResult> {
  const usesByKey = new Map<string, UsedRef[]>();
  for (const u of refs) {
    if (u.excluded !== undefined) continue;
    const key = lockKey(u.ref);
    usesByKey.set(key, [...(usesByKey.get(key) ?? []), u]);
  }

  const facts = new RepoFacts(api);
  const pending = new Map<string, Promise<Resolution>>();
  const toResolve = [...usesByKey].filter(([key, uses]) => {
    const old = lock.actions[key];
    if (!old) return true;
    return opts.update === true && old.kind !== 'sha' && uses.length > 0;
  });
  let done = 0;
  const total = new Set(toResolve.map(([, uses]) => repoConstraint(uses[0]!))).size;
  for (const [, uses] of toResolve) {
    const { owner, repo, constraint } = uses[0]!.ref;
    const id = repoConstraint(uses[0]!);
    if (!pending.has(id)) {
      pending.set(
        id,
        resolveOne(facts, owner, repo, constraint).then((r) => {
          opts.onProgress?.(++done, total, id);
          return r;
        }),
      );
    }
  }

  const report: PinReport = { added: [], updated: [], unchanged: [], removed: [], diagnostics: [] };
  const actions: Record<string, LockEntry> = {};
  const warned = new Set<string>();
  for (const [key, uses] of usesByKey) {
    const old = lock.actions[key];
    const job = pending.get(repoConstraint(uses[0]!));
    if (!job) {
      actions[key] = old!;
      report.unchanged.push(key);
      continue;
    }
    const res = await job;
    if (!res.ok) {
      for (const u of uses)
        report.diagnostics.push(diag(u, 'error', `${key}: ${res.message}`, res.fix));
      if (old) actions[key] = old;
      continue;
    }
    if (res.warning && !warned.has(key)) {
      warned.add(key);
      report.diagnostics.push(diag(uses[0]!, 'warning', `${key}: ${res.warning}`));
    }
    actions[key] = res.entry;
    if (!old) report.added.push(key);
    else if (sameEntry(old, res.entry)) report.unchanged.push(key);
    else report.updated.push({ key, from: old.sha, to: res.entry.sha });
  }
  for (const key of Object.keys(lock.actions)) if (!usesByKey.has(key)) report.removed.push(key);

  const ok = !report.diagnostics.some((d) => d.severity === 'error');
  return { ok, lock: ok ? { ...lock, actions } : lock, report };
}

/** Ends the message with a full stop so that the fix after it reads as its own sentence. */
export function sentence(message: string): string {
  return /[.!?)]$/.test(message) ? message : `${message}.`;
}

function repoConstraint(u: UsedRef): string {
  return `${u.ref.owner}/${u.ref.repo}@${u.ref.constraint}`;
}

function sameEntry(a: LockEntry, b: LockEntry): boolean {
  return a.sha === b.sha && a.kind === b.kind && a.tagObject === b.tagObject;
}

function diag(
  u: UsedRef,
  severity: Diagnostic['severity'],
  message: string,
  fix?: string,
): Diagnostic {
  return {
    severity,
    file: u.file,
    ...(u.line ? { line: u.line } : {}),
    path: u.path,
    message: fix ? sentence(message) : message,
    rule: 'pin',
    ...(fix ? { fix } : {}),
  };
}

/** Resolves one constraint of a repository to a lock entry, or explains why it cannot. */
export async function resolveOne(
  facts: RepoFacts,
  owner: string,
  repo: string,
  constraint: string,
  /** Also look for a branch of the same name when the name looks like a version. */
  opts: { alwaysCheckBranch?: boolean } = {},
): Promise<Resolution> {
  const full = `${owner}/${repo}`;
  try {
    if (isFullSha(constraint)) {
      const proof = await proveReachable(facts, owner, repo, constraint);
      if (!proof.ok) return { ok: false, message: proof.reason };
      return { ok: true, entry: { sha: constraint, kind: 'sha' } };
    }
    if (/^[0-9a-f]{40}$/i.test(constraint))
      return {
        ok: false,
        message: 'a commit SHA must be written in lowercase',
        fix: `Write ${constraint.toLowerCase()}.`,
      };
    if (SHORT_SHA.test(constraint) && !VERSION_LIKE.test(constraint))
      return {
        ok: false,
        message: `"${constraint}" looks like a short commit SHA; only full 40-character SHAs can be pinned safely (a short one can become ambiguous)`,
        fix: 'Use a tag or branch, or the full 40-character SHA.',
      };

    const tag = await facts.api.getRef(owner, repo, 'tags', constraint);
    if (tag) {
      let obj = tag.object;
      const tagObject = obj.type === 'tag' ? obj.sha : undefined;
      for (let depth = 0; obj.type === 'tag'; depth++) {
        if (depth > 8)
          return { ok: false, message: `tag ${constraint} is nested more than 8 levels deep` };
        obj = await facts.api.getTagObject(owner, repo, obj.sha);
      }
      if (obj.type !== 'commit')
        return { ok: false, message: `tag ${constraint} points to a ${obj.type}, not a commit` };
      // A branch of the same name cannot win (tags come first, as in git), so only names that do
      // not look like versions pay for the extra lookup that finds the ambiguity here;
      // `--verify` checks every name.
      const branch =
        VERSION_LIKE.test(constraint) && !opts.alwaysCheckBranch
          ? undefined
          : await facts.api.getRef(owner, repo, 'heads', constraint);
      return {
        ok: true,
        entry: { sha: obj.sha, kind: 'tag', ...(tagObject ? { tagObject } : {}) },
        ...(branch
          ? {
              warning: `"${constraint}" is both a tag and a branch of ${full}; using the tag (${obj.sha.slice(0, 12)}), not the branch (${branch.object.sha.slice(0, 12)})`,
            }
          : {}),
      };
    }
    const head = await facts.api.getRef(owner, repo, 'heads', constraint);
    if (head) return { ok: true, entry: { sha: head.object.sha, kind: 'branch' } };

    if ((await facts.defaultBranch(owner, repo)) === undefined)
      return {
        ok: false,
        message: `repository ${full} not found (HTTP 404)`,
        fix: 'Check the owner/repo spelling; if it is private, set GITHUB_TOKEN.',
      };
    return {
      ok: false,
      message: `${full} has no tag or branch named "${constraint}"`,
      fix: `Check the tag list of ${full}.`,
    };
  } catch (e) {
    if (e instanceof GitHubError) return { ok: false, message: e.message };
    throw e;
  }
}
