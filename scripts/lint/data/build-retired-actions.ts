/**
 * Regenerates `retired-actions.json` from the recorded action metadata in the GitHub snapshot:
 *   tsx scripts/lint/data/build-retired-actions.ts [/work/shared/github-snapshot]
 * An action version is retired when its action.yml runs on node12/node16 (recorded commits, and
 * older tags of the same major, since runtimes only move forward), or when it is a v1–v3 artifact
 * action (the artifact service those use was shut down).
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { writeFilesAtomically } from '../../core/atomic-write.ts';
import type { RetiredCode, RetiredEntry, RetiredFile } from '../retired-data.ts';

interface SnapshotRepo {
  owner: string;
  repo: string;
  snapshot_commit_date: string;
  branches: Array<{ name: string; commit: string }>;
  tags: Array<{ name: string; commit: string }>;
  action_files: Record<string, Record<string, string>>;
}

const OLD_RUNTIMES = new Set(['node12', 'node16']);
const ARTIFACT_ACTIONS = new Set(['actions/upload-artifact', 'actions/download-artifact']);

type Version = [number, number, number];

function parseVersion(tag: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(tag);
  return m ? [Number(m[1]), Number(m[2] ?? Infinity), Number(m[3] ?? Infinity)] : undefined;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function runtimeOf(actionYml: string): string | undefined {
  try {
    const doc = parse(actionYml) as { runs?: { using?: unknown } } | null;
    const using = doc?.runs?.using;
    return typeof using === 'string' ? using.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

export function buildRetired(repos: SnapshotRepo[]): RetiredFile {
  const actions: RetiredFile['actions'] = {};
  for (const r of repos) {
    const tagsAt = new Map<string, string[]>();
    for (const t of r.tags) tagsAt.set(t.commit, [...(tagsAt.get(t.commit) ?? []), t.name]);
    // Runtime per action (root or sub-directory) per recorded commit.
    const recorded = new Map<string, Map<string, string>>();
    for (const [sha, files] of Object.entries(r.action_files)) {
      for (const [file, text] of Object.entries(files)) {
        const dir = file.replace(/\/?action\.ya?ml$/, '');
        const name = `${r.owner}/${r.repo}${dir ? `/${dir}` : ''}`.toLowerCase();
        const rt = runtimeOf(text);
        if (!rt) continue;
        const m = recorded.get(name) ?? new Map<string, string>();
        m.set(sha, rt);
        recorded.set(name, m);
      }
    }
    for (const [name, runtimes] of recorded) {
      const tags: Record<string, RetiredCode> = {};
      const shas: Record<string, RetiredCode> = {};
      // Newest retired version per major, from recorded commits.
      const newestOld = new Map<number, { v: Version; rt: RetiredCode }>();
      for (const [sha, rt] of runtimes) {
        if (!OLD_RUNTIMES.has(rt)) continue;
        shas[sha] = rt as RetiredCode;
        for (const tag of tagsAt.get(sha) ?? []) {
          tags[tag] = rt as RetiredCode;
          const v = parseVersion(tag);
          const cur = v && newestOld.get(v[0]);
          if (v && (!cur || compare(v, cur.v) > 0))
            newestOld.set(v[0], { v, rt: rt as RetiredCode });
        }
      }
      for (const t of r.tags) {
        const v = parseVersion(t.name);
        if (!v) continue;
        const modern = runtimes.has(t.commit) && !OLD_RUNTIMES.has(runtimes.get(t.commit)!);
        if (ARTIFACT_ACTIONS.has(name) && v[0] <= 3) {
          tags[t.name] = 'artifacts-v3';
          shas[t.commit] = 'artifacts-v3';
          continue;
        }
        const limit = newestOld.get(v[0]);
        // Older versions of a major whose newer release still ran on an old runtime did too.
        if (!modern && limit && compare(v, limit.v) <= 0) {
          tags[t.name] ??= limit.rt;
          shas[t.commit] ??= limit.rt;
        }
      }
      if (!Object.keys(shas).length) continue;
      // One line per commit: its code, then the retired tags pointing at it.
      const retired: Record<string, string> = {};
      for (const [sha, code] of Object.entries(shas)) {
        const names = (tagsAt.get(sha) ?? []).filter((t) => tags[t]).sort();
        retired[sha] = [code, ...names].join(' ');
      }
      const replacement = pickReplacement(r, name, runtimes);
      const entry: RetiredEntry = {
        ...(replacement ? { replacement } : {}),
        retired: sortKeys(retired),
      };
      // Sub-actions of one repository often share their whole history (codeql-action).
      const twin = Object.entries(actions).find(
        ([other, e]) =>
          other.startsWith(`${r.owner}/${r.repo}`.toLowerCase()) &&
          JSON.stringify(e) === JSON.stringify(entry),
      );
      actions[name] = twin ? { sameAs: twin[0] } : entry;
    }
  }
  return {
    $comment:
      'Generated by scripts/lint/data/build-retired-actions.ts from the recorded GitHub snapshot. Do not edit by hand.',
    actions: sortKeys(actions),
  };
}

/** The newest major whose newest recorded version is not retired, named by its major alias. */
function pickReplacement(
  r: SnapshotRepo,
  name: string,
  runtimes: Map<string, string>,
): { ref: string; runtime: string } | undefined {
  const byMajor = new Map<number, { tag: string; v: Version; sha: string }>();
  for (const t of r.tags) {
    const v = parseVersion(t.name);
    if (!v || !runtimes.has(t.commit)) continue;
    const cur = byMajor.get(v[0]);
    if (!cur || compare(v, cur.v) > 0) byMajor.set(v[0], { tag: t.name, v, sha: t.commit });
  }
  const majors = [...byMajor.keys()].sort((a, b) => b - a);
  for (const major of majors) {
    const best = byMajor.get(major)!;
    const rt = runtimes.get(best.sha)!;
    if (OLD_RUNTIMES.has(rt) || (ARTIFACT_ACTIONS.has(name) && major <= 3)) continue;
    const alias = `v${major}`;
    const hasAlias =
      r.tags.some((t) => t.name === alias) || r.branches.some((b) => b.name === alias);
    return { ref: hasAlias ? alias : best.tag, runtime: rt };
  }
  return undefined;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function main(): Promise<void> {
  const snapshot = process.argv[2] ?? '/work/shared/github-snapshot';
  const dir = join(snapshot, 'repos');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const repos = await Promise.all(
    names.map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8')) as SnapshotRepo),
  );
  const out = fileURLToPath(new URL('./retired-actions.json', import.meta.url));
  await writeFilesAtomically([
    { path: out, content: `${JSON.stringify(buildRetired(repos), null, 2)}\n` },
  ]);
  process.stdout.write(`wrote ${out}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
