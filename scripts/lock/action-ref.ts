/** Action references (`owner/repo[/path]@ref`): parsing and naming, without the lock's schema. */

/** A remote action reference as written in a source: `owner/repo[/path]@constraint`. */
export interface ActionRef {
  owner: string;
  repo: string;
  /** Sub-directory inside the repository (e.g. `upload-sarif`), or undefined for the root. */
  path?: string;
  /** Tag, branch or full commit SHA. */
  constraint: string;
}

/** The part before `@`: `owner/repo[/path]`. */
export function actionName(ref: Pick<ActionRef, 'owner' | 'repo' | 'path'>): string {
  return `${ref.owner}/${ref.repo}${ref.path ? `/${ref.path}` : ''}`;
}

export function lockKey(ref: ActionRef): string {
  return `${actionName(ref)}@${ref.constraint}`;
}

/** Parses `owner/repo[/path]@ref`; returns undefined for local (`./x`) and `docker://` refs. */
export function parseActionRef(uses: string): ActionRef | undefined {
  if (uses.startsWith('./') || uses.startsWith('docker://')) return undefined;
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)((?:\/[^@\s]+)?)@([^\s@]+)$/.exec(uses);
  if (!m) return undefined;
  const [, owner, repo, path, constraint] = m;
  return {
    owner: owner!,
    repo: repo!,
    ...(path ? { path: path.slice(1) } : {}),
    constraint: constraint!,
  };
}

export function isFullSha(s: string): boolean {
  return /^[0-9a-f]{40}$/.test(s);
}
