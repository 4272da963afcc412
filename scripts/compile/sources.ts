import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const SOURCE_DIR = 'workflows-src';
/** Building blocks shared by sources; never compiled on their own. */
export const LIB_DIR = 'lib';

export interface SourceFile {
  /** Repository-relative, forward slashes. */
  source: string;
  output: string;
}

const posix = (p: string) => p.split(sep).join('/');

/**
 * `workflows-src/<name>.ts` → `.github/workflows/<name>.yml`;
 * `workflows-src/github/<path>.ts` → `.github/<path>.yml` (dependabot, issue forms).
 */
export function outputFor(source: string): string | undefined {
  const rel = source.slice(SOURCE_DIR.length + 1);
  if (!rel.endsWith('.ts') || rel.endsWith('.d.ts') || rel.endsWith('.test.ts')) return undefined;
  const base = rel.slice(0, -3);
  if (!base.includes('/')) return `.github/workflows/${base}.yml`;
  if (base.startsWith('github/')) return `.github/${base.slice('github/'.length)}.yml`;
  return undefined;
}

export async function discoverSources(cwd: string): Promise<SourceFile[]> {
  const root = join(cwd, SOURCE_DIR);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(
    (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [];
      throw e;
    },
  );
  const out: SourceFile[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const source = posix(relative(cwd, join(e.parentPath, e.name)));
    if (source.startsWith(`${SOURCE_DIR}/${LIB_DIR}/`)) continue;
    const output = outputFor(source);
    if (output) out.push({ source, output });
  }
  return out.sort((a, b) => a.source.localeCompare(b.source));
}
