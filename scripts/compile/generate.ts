import { join } from 'node:path';
import { writeFilesAtomically, type FileChange, type WriteHooks } from '../core/atomic-write.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import { LOCK_PATH, readLock, LockError, type Lock } from '../lock/lock.ts';
import type { BindingOverrides } from './checks/action-inputs.ts';
import { compileSources, type CompiledFile } from './compile.ts';
import { loadSources } from './load.ts';
import { existingYaml, ownerOf } from './ownership.ts';
import { discoverSources } from './sources.ts';

export interface GenerateOptions {
  cwd: string;
  /** Compare only: write nothing. */
  check?: boolean;
  /** Cache-busting token for re-importing sources (watch mode). */
  bust?: string;
  hooks?: WriteHooks;
  /** Compile against this lock instead of the one on disk (`pnpm pin`, before it writes). */
  lock?: Lock;
  /** Further files to write in the same all-or-nothing write (the lock, binding modules). */
  extraChanges?: readonly FileChange[];
  /** Bindings about to be written, checked instead of the loaded ones. */
  bindingOverrides?: BindingOverrides;
}

export interface PlannedChange {
  path: string;
  action: 'create' | 'update' | 'delete';
  before?: string;
  after?: string;
}

export interface GenerateResult {
  /** No error-level diagnostics (warnings may be present). */
  ok: boolean;
  diagnostics: Diagnostic[];
  /** What differs between the sources and `.github/` (written unless `check`). */
  changes: PlannedChange[];
  /** Repository-relative paths written or deleted (empty in check mode or on error). */
  changed: string[];
  files: CompiledFile[];
}

/**
 * Sources → checks → pinned YAML → files. Nothing is written unless every source compiles cleanly;
 * then all files change together or none does.
 */
export async function generate(opts: GenerateOptions): Promise<GenerateResult> {
  const { cwd } = opts;
  const diagnostics: Diagnostic[] = [];
  const fail = (d: Diagnostic[], files: CompiledFile[] = []): GenerateResult => ({
    ok: false,
    diagnostics: [...diagnostics, ...d],
    changes: [],
    changed: [],
    files,
  });

  let lock = opts.lock;
  try {
    lock ??= await readLock(join(cwd, LOCK_PATH));
  } catch (e) {
    if (e instanceof LockError)
      return fail([
        {
          severity: 'error',
          file: LOCK_PATH,
          message: e.message.replace(`${join(cwd, LOCK_PATH)}: `, ''),
          rule: 'lock',
        },
      ]);
    throw e;
  }

  const sources = await discoverSources(cwd);
  const { loaded, diagnostics: loadDiags } = await loadSources(cwd, sources, opts.bust);
  diagnostics.push(...loadDiags);
  const { files, diagnostics: compileDiags } = compileSources(loaded, lock, opts.bindingOverrides);
  diagnostics.push(...compileDiags);

  const existing = await existingYaml(cwd);
  const changes: PlannedChange[] = [];
  for (const f of files) {
    const before = existing.get(f.output);
    if (before !== undefined && ownerOf(before) === undefined) {
      diagnostics.push({
        severity: 'error',
        file: f.source,
        message: `would overwrite ${f.output}, which is hand-written (it has no "Code generated" header): rename the source or remove that file first`,
        rule: 'ownership',
      });
      continue;
    }
    if (before !== f.text)
      changes.push({
        path: f.output,
        action: before === undefined ? 'create' : 'update',
        ...(before !== undefined ? { before } : {}),
        after: f.text,
      });
  }
  // Only files that failed to load keep their output: deleting them would hide the error.
  const keep = new Set([
    ...files.map((f) => f.output),
    ...sources.filter((s) => !loaded.some((l) => l.source === s.source)).map((s) => s.output),
  ]);
  for (const [path, text] of existing) {
    if (ownerOf(text) !== undefined && !keep.has(path))
      changes.push({ path, action: 'delete', before: text });
  }

  if (diagnostics.some((d) => d.severity === 'error')) return fail([], files);
  if (!opts.check && (changes.length || opts.extraChanges?.length)) {
    const writes: FileChange[] = [...(opts.extraChanges ?? [])];
    for (const c of changes)
      writes.push(
        c.action === 'delete'
          ? { path: join(cwd, c.path), delete: true }
          : { path: join(cwd, c.path), content: c.after! },
      );
    await writeFilesAtomically(writes, opts.hooks);
  }
  return {
    ok: true,
    diagnostics,
    changes,
    changed: opts.check ? [] : changes.map((c) => c.path),
    files,
  };
}

/**
 * Unified diff of planned changes, as `git diff` would show them. The diff library is loaded
 * only here, off the path of a `gen --check` that finds everything fresh.
 */
export async function renderChanges(changes: readonly PlannedChange[]): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  return changes
    .map((c) =>
      createTwoFilesPatch(
        c.action === 'create' ? '/dev/null' : `a/${c.path}`,
        c.action === 'delete' ? '/dev/null' : `b/${c.path}`,
        c.before ?? '',
        c.after ?? '',
        undefined,
        undefined,
        { context: 3 },
      ).replace(/^=+\n/, ''),
    )
    .join('\n');
}
