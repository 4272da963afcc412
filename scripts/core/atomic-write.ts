import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

export type FileChange = { path: string; content: string } | { path: string; delete: true };

/** Test hook: called before each rename/delete in the commit phase; throwing simulates a crash. */
export interface WriteHooks {
  beforeCommit?: (path: string, index: number) => void | Promise<void>;
}

/**
 * Applies all changes or none. Every new content is first written to a temp file beside its
 * target; only when all temp files exist are they renamed into place. If anything fails, the
 * files already replaced are restored from the bytes read beforehand.
 */
export async function writeFilesAtomically(
  changes: readonly FileChange[],
  hooks: WriteHooks = {},
): Promise<void> {
  const backups = new Map<string, Buffer | null>();
  for (const ch of changes) backups.set(ch.path, await readFile(ch.path).catch(() => null));

  const temps = new Map<string, string>();
  try {
    for (const ch of changes) {
      if ('delete' in ch) continue;
      await mkdir(dirname(ch.path), { recursive: true });
      const tmp = join(
        dirname(ch.path),
        `.${basename(ch.path)}.${randomBytes(6).toString('hex')}.tmp`,
      );
      await writeFile(tmp, ch.content);
      temps.set(ch.path, tmp);
    }
  } catch (err) {
    await Promise.all([...temps.values()].map((t) => rm(t, { force: true })));
    throw err;
  }

  const done: string[] = [];
  try {
    let i = 0;
    for (const ch of changes) {
      await hooks.beforeCommit?.(ch.path, i++);
      if ('delete' in ch) await rm(ch.path, { force: true });
      else await rename(temps.get(ch.path)!, ch.path);
      done.push(ch.path);
    }
  } catch (err) {
    for (const p of done.reverse()) {
      const old = backups.get(p);
      if (old === null || old === undefined) await rm(p, { force: true });
      else await writeFile(p, old);
    }
    await Promise.all([...temps.values()].map((t) => rm(t, { force: true })));
    throw err;
  }
}
