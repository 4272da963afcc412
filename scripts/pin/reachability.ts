import type { GitHubApi, NamedCommit } from './github.ts';

/**
 * Impostor-commit defence. GitHub serves any commit of a repository's fork network under the
 * parent's name, so a SHA that did not come from resolving a tag or branch must be shown to be
 * reachable from a tag or branch of the repository itself before it may be pinned.
 */
export type Reachability =
  { ok: true; via: string } | { ok: false; reason: string; missing?: 'repo' | 'commit' };

/** Per-run memo of the repository facts the proofs need, shared by all refs of a repository. */
export class RepoFacts {
  private readonly memo = new Map<string, Promise<unknown>>();
  constructor(readonly api: GitHubApi) {}

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) this.memo.set(key, (p = load()));
    return p;
  }
  defaultBranch(owner: string, repo: string): Promise<string | undefined> {
    return this.once(
      `repo:${owner}/${repo}`,
      async () => (await this.api.getRepo(owner, repo))?.defaultBranch,
    );
  }
  tags(owner: string, repo: string): Promise<NamedCommit[]> {
    return this.once(`tags:${owner}/${repo}`, () => this.api.listTags(owner, repo));
  }
  branches(owner: string, repo: string): Promise<NamedCommit[]> {
    return this.once(`branches:${owner}/${repo}`, () => this.api.listBranches(owner, repo));
  }
}

/** True when `sha` is contained in `base`'s history. */
async function contains(api: GitHubApi, owner: string, repo: string, base: string, sha: string) {
  const cmp = await api.compare(owner, repo, base, sha);
  return cmp?.status === 'identical' || cmp?.status === 'behind';
}

/**
 * Proves `sha` reachable, cheapest evidence first: the ref it was pinned from (`hint`, e.g. the
 * `# ratchet:` constraint), the default branch, then the heads of all tags and branches.
 */
export async function proveReachable(
  facts: RepoFacts,
  owner: string,
  repo: string,
  sha: string,
  hint?: string,
): Promise<Reachability> {
  const { api } = facts;
  const full = `${owner}/${repo}`;
  const defaultBranch = await facts.defaultBranch(owner, repo);
  if (defaultBranch === undefined)
    return {
      ok: false,
      missing: 'repo',
      reason: `repository ${full} not found (HTTP 404); if it is private, set GITHUB_TOKEN`,
    };

  if (hint && hint !== sha) {
    const hintSha = await api.getCommitSha(owner, repo, hint);
    if (hintSha === sha) return { ok: true, via: `it is what ${hint} points to` };
    if (hintSha && (await contains(api, owner, repo, hint, sha)))
      return { ok: true, via: `it is in the history of ${hint}` };
  }
  if (await contains(api, owner, repo, defaultBranch, sha))
    return { ok: true, via: `it is in the history of the default branch ${defaultBranch}` };

  const tag = (await facts.tags(owner, repo)).find((t) => t.sha === sha);
  if (tag) return { ok: true, via: `tag ${tag.name} points to it` };
  const branch = (await facts.branches(owner, repo)).find((b) => b.sha === sha);
  if (branch) return { ok: true, via: `branch ${branch.name} points to it` };

  if ((await api.getCommitSha(owner, repo, sha)) === undefined)
    return { ok: false, missing: 'commit', reason: `${full} has no commit ${sha}` };
  return {
    ok: false,
    reason:
      `commit ${sha} is served under ${full} but is not reachable from any of its branches or tags ` +
      `(compared with ${hint ? `${hint} and ` : ''}the default branch ${defaultBranch}, and every tag and branch head): ` +
      `it can come from a fork (an "impostor commit"). Pin a tag or branch of ${full} instead`,
  };
}
