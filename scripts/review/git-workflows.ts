import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** GitHub reads workflows from this folder only, not from its sub-folders. */
export const WORKFLOWS_DIR = '.github/workflows';

export function isWorkflowFile(name: string): boolean {
  return /\.ya?ml$/.test(name) && !name.includes('/');
}

/** A git failure the user can fix (not a repository, unknown ref). */
export class GitRefError extends Error {}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

export async function repositoryRoot(cwd: string): Promise<string> {
  try {
    return (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    throw new GitRefError(`${cwd} is not inside a git repository`);
  }
}

/** The commit a ref names, or undefined when it names none. */
export async function resolveCommit(root: string, ref: string): Promise<string | undefined> {
  if (ref.startsWith('-')) return undefined;
  try {
    const out = await git(root, [
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${ref}^{commit}`,
    ]);
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Workflow files at a commit, read from git objects (the working tree is not touched). */
export async function readWorkflowsAtCommit(
  root: string,
  commit: string,
): Promise<Map<string, string>> {
  // No .github/workflows at that commit is an empty set, not an error.
  const listing = await git(root, ['ls-tree', '-z', `${commit}:${WORKFLOWS_DIR}`]).catch(() => '');
  const names = listing
    .split('\0')
    .map((line) => /^\d+ blob [0-9a-f]+\t(.*)$/s.exec(line)?.[1])
    .filter((n): n is string => n !== undefined && isWorkflowFile(n));
  const files = new Map<string, string>();
  for (const name of names.sort()) {
    const path = `${WORKFLOWS_DIR}/${name}`;
    files.set(path, await git(root, ['show', `${commit}:${path}`]));
  }
  return files;
}

/** Workflow files as they are on disk now (generated but uncommitted files included). */
export async function readWorkingTreeWorkflows(root: string): Promise<Map<string, string>> {
  const dir = join(root, WORKFLOWS_DIR);
  let entries: string[];
  try {
    entries = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() && isWorkflowFile(e.name))
      .map((e) => e.name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw e;
  }
  const files = new Map<string, string>();
  for (const name of entries.sort()) {
    files.set(`${WORKFLOWS_DIR}/${name}`, await readFile(join(dir, name), 'utf8'));
  }
  return files;
}

export const DEFAULT_BASE = 'origin/main';
/** Tried in order when no BASE is given and `origin/main` does not exist (e.g. no remote). */
const FALLBACK_BASES = ['main', 'HEAD'];

export interface ResolvedBase {
  ref: string;
  commit: string;
  /** Set when the default base was missing and another was used instead. */
  note?: string;
}

/** Resolves BASE; without one, `origin/main`, then `main`, then `HEAD`. */
export async function resolveBase(root: string, base: string | undefined): Promise<ResolvedBase> {
  if (base !== undefined) {
    const commit = await resolveCommit(root, base);
    if (!commit)
      throw new GitRefError(`"${base}" is not a commit in ${root} (try a branch, tag or SHA)`);
    return { ref: base, commit };
  }
  const commit = await resolveCommit(root, DEFAULT_BASE);
  if (commit) return { ref: DEFAULT_BASE, commit };
  for (const ref of FALLBACK_BASES) {
    const c = await resolveCommit(root, ref);
    if (c) {
      const note = `${DEFAULT_BASE} does not exist here (no remote, or not fetched); comparing with ${ref} instead. Pass BASE to choose, e.g. \`pnpm wf diff main\`.`;
      return { ref, commit: c, note };
    }
  }
  throw new GitRefError(
    `neither ${DEFAULT_BASE} nor ${FALLBACK_BASES.join(' nor ')} exists in ${root} (a repository without commits?); pass BASE`,
  );
}
