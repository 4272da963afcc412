import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileChange } from '../core/atomic-write.ts';
import { actionName, type Lock } from '../lock/lock.ts';
import type { MetadataFetcher } from './fetch.ts';
import { parseHeader, type BindingHeader } from './header.ts';
import {
  bindingFileName,
  refOfKey,
  renderBindingModule,
  renderIndex,
  renderNoMetadataModule,
} from './render.ts';

export const BINDINGS_DIR = 'generated/actions';
export const INDEX_FILE = 'index.ts';

export interface PlanOptions {
  /** Fetch and re-render every entry, even those whose module already matches the lock. */
  regenerate?: boolean;
}

/** What `planBindings` decided, for the pin command's summary. */
export interface BindingPlan {
  changes: FileChange[];
  /** Lock keys whose module was written (new, or the SHA moved). */
  written: string[];
  /** Lock keys without action.yml/action.yaml at their commit: sources must use `untyped()`. */
  withoutMetadata: string[];
  /** Generated modules no lock entry needs any more. */
  deleted: string[];
}

/**
 * The file changes that make `dir` hold exactly one binding module per lock entry, at the lock's
 * SHA, plus the index. Metadata is fetched only for entries whose module is missing or was
 * generated from another commit (read back from its header), so an up-to-date lock costs no
 * request. Nothing is written here: the caller writes `changes` with the lock, atomically.
 */
export async function planBindings(
  lock: Lock,
  dir: string,
  fetchMetadata: MetadataFetcher,
  opts: PlanOptions = {},
): Promise<BindingPlan> {
  const keys = Object.keys(lock.actions).sort();
  const files = new Map(keys.map((k) => [k, bindingFileName(k)]));
  assertNoClash(files);

  const existing = await readGeneratedModules(dir);
  const written: string[] = [];
  const withoutMetadata: string[] = [];
  const changes: FileChange[] = [];

  const results = await Promise.all(
    keys.map(async (key) => {
      const sha = lock.actions[key]!.sha;
      const file = files.get(key)!;
      const old = existing.get(file);
      if (!opts.regenerate && isCurrent(old, key, sha)) {
        return { key, hasMetadata: old.header.source !== 'none', content: undefined };
      }
      const meta = await fetchMetadata(key, refOfKey(key), sha);
      const content = meta ? renderBindingModule(key, sha, meta) : renderNoMetadataModule(key, sha);
      return {
        key,
        hasMetadata: meta !== undefined,
        content: content === old?.text ? undefined : content,
      };
    }),
  );
  for (const r of results) {
    if (!r.hasMetadata) withoutMetadata.push(r.key);
    if (r.content !== undefined) {
      written.push(r.key);
      changes.push({ path: join(dir, files.get(r.key)!), content: r.content });
    }
  }

  const wanted = new Set(files.values());
  const deleted: string[] = [];
  for (const [file, mod] of existing) {
    if (wanted.has(file) || !mod.header) continue;
    deleted.push(file);
    changes.push({ path: join(dir, file), delete: true });
  }

  const index = renderIndex(results.filter((r) => r.hasMetadata).map((r) => r.key));
  const oldIndex = await readFile(join(dir, INDEX_FILE), 'utf8').catch(() => undefined);
  if (index !== oldIndex) changes.push({ path: join(dir, INDEX_FILE), content: index });

  return { changes, written, withoutMetadata, deleted };
}

/**
 * Offline check for `pin --check`: lock keys whose module is missing or was generated from
 * another commit than the lock's. Empty when `generated/actions` matches the lock.
 */
export async function staleBindings(lock: Lock, dir = BINDINGS_DIR): Promise<string[]> {
  const existing = await readGeneratedModules(dir);
  return Object.keys(lock.actions)
    .sort()
    .filter((key) => !isCurrent(existing.get(bindingFileName(key)), key, lock.actions[key]!.sha));
}

function isCurrent(
  mod: ExistingModule | undefined,
  key: string,
  sha: string,
): mod is Required<ExistingModule> {
  return mod?.header?.sha === sha && mod.header.action === actionName(refOfKey(key));
}

interface ExistingModule {
  text: string;
  /** Undefined for a file without the generated header: never deleted, overwritten if needed. */
  header?: BindingHeader;
}

async function readGeneratedModules(dir: string): Promise<Map<string, ExistingModule>> {
  const out = new Map<string, ExistingModule>();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw e;
  }
  for (const name of names.sort()) {
    if (!name.endsWith('.ts') || name === INDEX_FILE || name.startsWith('.')) continue;
    const text = await readFile(join(dir, name), 'utf8');
    const header = parseHeader(text);
    out.set(name, header ? { text, header } : { text });
  }
  return out;
}

/** Two keys that differ only in case (or in characters made file-safe) would share a module. */
function assertNoClash(files: ReadonlyMap<string, string>): void {
  const seen = new Map<string, string>();
  for (const [key, file] of files) {
    const other = seen.get(file.toLowerCase());
    if (other) {
      throw new Error(
        `bindings for ${other} and ${key} would both be written to ${file}; use one spelling of the action in the sources`,
      );
    }
    seen.set(file.toLowerCase(), key);
  }
}
