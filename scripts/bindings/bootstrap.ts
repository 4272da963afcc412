/**
 * Generates typed bindings for the newest major of every recorded action, before `pnpm pin` knows
 * which ones the workflows use:
 *
 *   tsx scripts/bindings/bootstrap.ts [--api-url URL] [--out DIR] [KEY...]
 *
 * Without --api-url it serves the recorded snapshot (test/fixtures/github) itself. KEYs
 * (`owner/repo[/path]@constraint`) replace the default set. It writes only the binding modules and
 * their index, never the lock; `pnpm pin` later regenerates exactly the set the workflows use.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFilesAtomically } from '../core/atomic-write.ts';
import { emptyLock, lockKey, parseActionRef, type Lock } from '../lock/lock.ts';
import { createGitHubClient, type GitHubApi } from '../pin/github.ts';
import { resolveRefs } from '../pin/resolve.ts';
import type { UsedRef } from '../pin/types.ts';
import { metadataFetcher } from './fetch.ts';
import { BINDINGS_DIR, planBindings, type BindingPlan } from './plan.ts';

/** The parts of a recorded repository (test/fixtures/github/repos/*.json) the choice needs. */
export interface RecordedRepo {
  owner: string;
  repo: string;
  branches: { name: string }[];
  tags: { name: string }[];
  newest_tag_per_major: Record<string, string>;
}

/** Actions used through a sub-folder only: bind those, not the repository root. */
const SUB_ACTIONS: Record<string, readonly string[]> = {
  'github/codeql-action': ['upload-sarif'],
};

/** Actions whose documented constraint is a channel branch rather than a version. */
const CHANNELS: Record<string, string> = {
  // The toolchain is chosen by the branch name (`@stable`, `@nightly`), per its README.
  'dtolnay/rust-toolchain': 'stable',
};

/**
 * The newest major of a repository as a constraint: its alias tag `vN`, else an alias branch
 * (`vN`, `release/vN`, `vN.x`), else the newest tag of that major.
 */
export function newestMajorConstraint(r: RecordedRepo): string | undefined {
  const full = `${r.owner}/${r.repo}`;
  if (CHANNELS[full]) return CHANNELS[full];
  const majors = Object.keys(r.newest_tag_per_major).map(Number);
  if (majors.length === 0) return undefined;
  const n = Math.max(...majors);
  const tags = new Set(r.tags.map((t) => t.name));
  const branches = new Set(r.branches.map((b) => b.name));
  if (tags.has(`v${n}`)) return `v${n}`;
  const branch = [`v${n}`, `release/v${n}`, `v${n}.x`].find((b) => branches.has(b));
  return branch ?? r.newest_tag_per_major[String(n)];
}

/** Keys for the newest major of each recorded repository, sorted. */
export function newestMajorKeys(repos: readonly RecordedRepo[]): string[] {
  const keys: string[] = [];
  for (const r of repos) {
    const constraint = newestMajorConstraint(r);
    if (!constraint) continue;
    const full = `${r.owner}/${r.repo}`;
    for (const path of SUB_ACTIONS[full] ?? [undefined]) {
      keys.push(lockKey({ owner: r.owner, repo: r.repo, ...(path ? { path } : {}), constraint }));
    }
  }
  return keys.sort();
}

export function readRecordedRepos(dir: string): RecordedRepo[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RecordedRepo);
}

/** Resolves the keys to commits (as `pnpm pin` does) and plans their binding modules. */
export async function bootstrapBindings(
  keys: readonly string[],
  api: GitHubApi,
  dir: string,
): Promise<{ lock: Lock; plan: BindingPlan }> {
  const used: UsedRef[] = keys.map((key, i) => {
    const ref = parseActionRef(key);
    if (!ref) throw new Error(`not an action reference: ${key}`);
    return { ref, file: 'bootstrap', path: `keys[${i}]` };
  });
  const resolved = await resolveRefs(used, emptyLock(), api);
  if (!resolved.ok) {
    const messages = resolved.report.diagnostics.filter((d) => d.severity === 'error');
    throw new Error(messages.map((d) => d.message).join('\n'));
  }
  const plan = await planBindings(resolved.lock, dir, metadataFetcher(api));
  return { lock: resolved.lock, plan };
}

const HELP = `Usage: tsx scripts/bindings/bootstrap.ts [--api-url URL] [--out DIR] [KEY...]

Generates typed action bindings into DIR (default ${BINDINGS_DIR}) for KEYs
(owner/repo[/path]@constraint), by default the newest major of every action recorded in
test/fixtures/github. Without --api-url it serves that recording itself (fake GitHub API).
Writes only the binding modules and their index, never the lock.
`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    if (i < 0) return undefined;
    const v = argv[i + 1];
    argv.splice(i, 2);
    return v;
  };
  let apiUrl = flag('--api-url');
  const out = flag('--out') ?? BINDINGS_DIR;
  const fixtures = join('test', 'fixtures', 'github', 'repos');
  const unknown = argv.find((a) => a.startsWith('-'));
  if (unknown) {
    process.stderr.write(`bootstrap: unknown option ${unknown}\n\n${HELP}`);
    return 2;
  }
  const keys = argv.length ? argv : newestMajorKeys(readRecordedRepos(fixtures));

  let stop = async () => {};
  if (!apiUrl) {
    const { FakeGitHub } = await import('../../test/fake-github/server.ts');
    const fake = await FakeGitHub.start();
    apiUrl = fake.url;
    stop = () => fake.close();
  }
  try {
    const api = createGitHubClient({ apiUrl, concurrency: 8 });
    const { lock, plan } = await bootstrapBindings(keys, api, out);
    await writeFilesAtomically(plan.changes);
    for (const key of Object.keys(lock.actions)) {
      const tag = plan.withoutMetadata.includes(key) ? ' (no metadata: use untyped())' : '';
      const state = plan.written.includes(key) ? 'written' : 'unchanged';
      process.stdout.write(`${state.padEnd(9)} ${key} ${lock.actions[key]!.sha}${tag}\n`);
    }
    for (const file of plan.deleted) process.stdout.write(`deleted   ${file}\n`);
    process.stdout.write(
      `${keys.length} bindings in ${out}: ${plan.written.length} written, ${plan.deleted.length} deleted, ${api.requestCount} requests\n`,
    );
    return 0;
  } finally {
    await stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`bootstrap: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
