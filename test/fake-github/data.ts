import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One recorded repository, in the shape of `test/fixtures/github/repos/OWNER__REPO.json`. */
export interface RepoData {
  owner: string;
  repo: string;
  default_branch: string;
  default_branch_commit: string;
  branches: { name: string; commit: string }[];
  tags: { name: string; commit: string; tag_object: string | null }[];
  releases_guess: string | null;
  action_files: Record<string, Record<string, string>>;
  action_file_blob_shas: Record<string, Record<string, string>>;
  fork_only_commits: string[];
  compare: CompareEntry[];
  commit_dates: Record<string, string>;
}

export interface CompareEntry {
  base: string;
  head: string;
  status: 'identical' | 'ahead' | 'behind' | 'diverged';
  ahead_by: number;
  behind_by: number;
  total_commits: number;
  merge_base_commit: string;
}

export const FIXTURES_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'github',
  'repos',
);

/** `owner/repo` of every recorded repository. */
export function recordedRepoNames(dir = FIXTURES_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length).replace('__', '/'));
}

/** Reads one repository's data; a fresh deep copy each time, so tests can mutate it freely. */
export function loadRepo(fullName: string, dir = FIXTURES_DIR): RepoData | undefined {
  const [owner, repo] = fullName.split('/');
  try {
    return JSON.parse(readFileSync(join(dir, `${owner}__${repo}.json`), 'utf8')) as RepoData;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Resolves a tag, branch or full SHA of the repository to its commit (tags win, as in git). */
export function resolveCommit(data: RepoData, ref: string): string | undefined {
  const tag = data.tags.find((t) => t.name === ref);
  if (tag) return tag.commit;
  const branch = data.branches.find((b) => b.name === ref);
  if (branch) return branch.commit;
  if (/^[0-9a-f]{40}$/.test(ref) && knownCommits(data).has(ref)) return ref;
  return undefined;
}

/** Every commit SHA that appears anywhere in the repository's data. */
export function knownCommits(data: RepoData): Set<string> {
  const set = new Set<string>([data.default_branch_commit, ...data.fork_only_commits]);
  for (const b of data.branches) set.add(b.commit);
  for (const t of data.tags) set.add(t.commit);
  for (const c of Object.keys(data.action_files)) set.add(c);
  for (const c of Object.keys(data.commit_dates)) set.add(c);
  for (const c of data.compare) {
    for (const s of [c.base, c.head, c.merge_base_commit]) if (/^[0-9a-f]{40}$/.test(s)) set.add(s);
  }
  return set;
}
