import type { FileChange } from '../core/atomic-write.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import { lockKey, type Lock, type LockEntry } from '../lock/lock.ts';
import { GitHubError } from './github.ts';
import { proveReachable, type RepoFacts } from './reachability.ts';
import { resolveOne, sentence } from './resolve.ts';
import type { YamlFile } from './check.ts';
import { findUsesSites, type UsesSite } from './yaml-refs.ts';
import { pinText, unpinText, type Change } from './yaml-rewrite.ts';

/** A `uses:` line that changed, for the report. */
export interface LineChange {
  file: string;
  line: number;
  before: string;
  after: string;
}

export interface YamlPinResult {
  ok: boolean;
  /** New file contents (absolute or cwd-relative paths as given); empty when !ok. */
  writes: FileChange[];
  changed: LineChange[];
  unchanged: number;
  diagnostics: Diagnostic[];
}

type Resolved = { ok: true; entry: LockEntry } | { ok: false; message: string; fix?: string };

const siteId = (s: UsesSite) => `${s.wanted!.owner}/${s.wanted!.repo}@${s.wanted!.constraint}`;

function at(
  file: string,
  s: UsesSite,
  severity: Diagnostic['severity'],
  message: string,
  fix?: string,
): Diagnostic {
  return {
    severity,
    file,
    line: s.line,
    col: s.col,
    path: s.path,
    message: fix ? sentence(message) : message,
    rule: 'pin',
    ...(fix ? { fix } : {}),
  };
}

/**
 * Pins hand-written workflow and action files ratchet-style, changing only the `uses:` lines.
 * Already pinned lines keep their SHA unless `update` is set. Nothing is written by this function;
 * the caller writes `writes` all at once.
 */
export async function pinYamlFiles(
  files: readonly (YamlFile & { path: string })[],
  facts: RepoFacts,
  opts: { update?: boolean; onProgress?: (done: number, total: number, name: string) => void } = {},
): Promise<YamlPinResult> {
  const diagnostics: Diagnostic[] = [];
  const wanted = new Map<string, UsesSite>();
  const scans = files.map((f) => ({ f, sites: findUsesSites(f.text, { file: f.file }) }));
  for (const { f, sites } of scans) {
    for (const s of sites) {
      if (s.skip === 'invalid' || s.skip === 'mismatch')
        diagnostics.push(at(f.file, s, 'warning', `left as is: ${s.problem ?? s.raw}`));
      if (s.skip || !s.wanted) continue;
      if (s.pinnedSha && (!opts.update || s.ratchetConstraint === undefined)) continue;
      if (!wanted.has(siteId(s))) wanted.set(siteId(s), s);
    }
  }
  const resolved = new Map<string, Resolved>();
  let done = 0;
  await Promise.all(
    [...wanted].map(async ([id, s]) => {
      resolved.set(
        id,
        await resolveOne(facts, s.wanted!.owner, s.wanted!.repo, s.wanted!.constraint),
      );
      opts.onProgress?.(++done, wanted.size, id);
    }),
  );

  const writes: FileChange[] = [];
  const changed: LineChange[] = [];
  let unchanged = 0;
  for (const { f, sites } of scans) {
    for (const s of sites) {
      const r = s.wanted && resolved.get(siteId(s));
      if (r && !r.ok) diagnostics.push(at(f.file, s, 'error', `${s.raw}: ${r.message}`, r.fix));
    }
    const out = pinText(
      f.text,
      (s) => {
        const r = resolved.get(siteId(s));
        if (r?.ok) return r.entry.sha;
        return s.pinnedSha;
      },
      { file: f.file },
    );
    changed.push(...out.changes.map((c) => lineChange(f.file, c)));
    unchanged += sites.filter((s) => !s.skip).length - out.changes.length;
    if (out.text !== f.text) writes.push({ path: f.path, content: out.text });
  }
  const ok = !diagnostics.some((d) => d.severity === 'error');
  return { ok, writes: ok ? writes : [], changed: ok ? changed : [], unchanged, diagnostics };
}

/** `--unpin`: restores the `ratchet:` constraints as the `uses:` values; offline. */
export function unpinYamlFiles(files: readonly (YamlFile & { path: string })[]): YamlPinResult {
  const writes: FileChange[] = [];
  const changed: LineChange[] = [];
  let unchanged = 0;
  for (const f of files) {
    const out = unpinText(f.text, { file: f.file });
    changed.push(...out.changes.map((c) => lineChange(f.file, c)));
    unchanged +=
      findUsesSites(f.text, { file: f.file }).filter((s) => !s.skip).length - out.changes.length;
    if (out.text !== f.text) writes.push({ path: f.path, content: out.text });
  }
  return { ok: true, writes, changed, unchanged, diagnostics: [] };
}

function lineChange(file: string, c: Change): LineChange {
  return { file, line: c.site.line, before: c.before.trim(), after: c.after.trim() };
}

export interface AbsorbResult {
  ok: boolean;
  lock: Lock;
  added: string[];
  updated: { key: string; from: string; to: string }[];
  unchanged: string[];
  diagnostics: Diagnostic[];
}

/**
 * `--absorb`: takes the SHAs already pinned in YAML files (old ratchet-pinned workflows, or a
 * bot's bump of a generated file) into the lock, keyed by their `ratchet:` constraint, once each
 * is proven reachable from a tag or branch of its repository.
 */
export async function absorbYamlFiles(
  files: readonly YamlFile[],
  lock: Lock,
  facts: RepoFacts,
): Promise<AbsorbResult> {
  const diagnostics: Diagnostic[] = [];
  const found = new Map<string, { file: string; site: UsesSite; sha: string }>();
  for (const f of files) {
    for (const s of findUsesSites(f.text, { file: f.file })) {
      if (s.skip || !s.pinnedSha || !s.wanted) continue;
      const key = lockKey(s.wanted);
      const prev = found.get(key);
      if (prev && prev.sha !== s.pinnedSha) {
        diagnostics.push(
          at(
            f.file,
            s,
            'error',
            `${key} is pinned to ${s.pinnedSha} here but to ${prev.sha} in ${prev.file}:${prev.site.line}`,
            'Make them agree, then absorb again.',
          ),
        );
        continue;
      }
      found.set(key, { file: f.file, site: s, sha: s.pinnedSha });
    }
  }

  const actions = { ...lock.actions };
  const added: string[] = [];
  const updated: AbsorbResult['updated'] = [];
  const unchanged: string[] = [];
  await Promise.all(
    [...found].map(async ([key, { file, site, sha }]) => {
      const { owner, repo, constraint } = site.wanted!;
      if (lock.actions[key]?.sha === sha) {
        unchanged.push(key);
        return;
      }
      try {
        const named =
          constraint === sha ? undefined : await resolveOne(facts, owner, repo, constraint);
        if (named && !named.ok) {
          diagnostics.push(
            at(file, site, 'error', `cannot absorb ${key}: ${named.message}`, named.fix),
          );
          return;
        }
        let entry: LockEntry;
        if (named?.ok && named.entry.sha === sha) entry = named.entry;
        else {
          const proof = await proveReachable(
            facts,
            owner,
            repo,
            sha,
            named ? constraint : undefined,
          );
          if (!proof.ok) {
            diagnostics.push(
              at(file, site, 'error', `cannot absorb ${key} at ${sha}: ${proof.reason}`),
            );
            return;
          }
          entry = { sha, kind: named?.ok ? named.entry.kind : 'sha' };
        }
        const old = lock.actions[key];
        actions[key] = entry;
        if (!old) added.push(key);
        else updated.push({ key, from: old.sha, to: entry.sha });
      } catch (e) {
        if (!(e instanceof GitHubError)) throw e;
        diagnostics.push(at(file, site, 'error', `cannot absorb ${key}: ${e.message}`));
      }
    }),
  );
  const ok = !diagnostics.some((d) => d.severity === 'error');
  for (const l of [added, unchanged]) l.sort();
  updated.sort((a, b) => a.key.localeCompare(b.key));
  return { ok, lock: ok ? { ...lock, actions } : lock, added, updated, unchanged, diagnostics };
}
