/** Expands `pnpm pin FILE_OR_DIR...` arguments to the YAML files GitHub reads `uses:` from. */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, normalize, resolve } from 'node:path';
import { UserError, type Diagnostic } from '../core/diagnostics.ts';

const YAML_EXT = /\.ya?ml$/;
const ACTION_FILE = /^action\.ya?ml$/;
/** Directories a walk never enters: dependencies and VCS data hold no files of ours. */
const SKIP_DIRS = new Set(['node_modules', '.git']);

/** A workflow (`.github/workflows/*.yml`) or a composite action's metadata (`action.yml`). */
export function isActionsYamlPath(path: string): boolean {
  const name = basename(path);
  if (ACTION_FILE.test(name)) return true;
  return (
    YAML_EXT.test(name) &&
    resolve(dirname(path)).split(/[\\/]/).slice(-2).join('/') === '.github/workflows'
  );
}

/**
 * Files named on the command line are taken as they are (any `.yml`/`.yaml`); directories are
 * walked for workflows (YAML files directly inside a `.github/workflows` folder) and for
 * `action.yml`/`action.yaml` files, skipping `node_modules`, `.git` and hidden folders other than
 * `.github`. Returns sorted, de-duplicated paths in the
 * form they were given. A missing path or a non-YAML file is a `UserError`.
 */
export async function findFiles(pathsOrDirs: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  const problems: Diagnostic[] = [];
  for (const arg of pathsOrDirs) {
    const info = await stat(arg).catch((e: NodeJS.ErrnoException) => e);
    if (info instanceof Error) {
      const reason = info.code === 'ENOENT' ? 'no such file or directory' : info.message;
      problems.push({ severity: 'error', file: arg, message: reason });
    } else if (info.isDirectory()) {
      for (const f of await walk(arg)) found.add(f);
    } else if (YAML_EXT.test(arg)) {
      found.add(normalize(arg));
    } else {
      problems.push({
        severity: 'error',
        file: arg,
        message: 'not a YAML file',
        fix: 'Name a .yml/.yaml workflow or action file, or a directory.',
      });
    }
  }
  if (problems.length) {
    const first = problems[0]!;
    throw new UserError(`${first.file}: ${first.message}`, problems);
  }
  return [...found].sort();
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      // Hidden directories hold tool state, except .github where workflows live.
      if (SKIP_DIRS.has(e.name) || (e.name.startsWith('.') && e.name !== '.github')) continue;
      out.push(...(await walk(path)));
    } else if (e.isFile() && isActionsYamlPath(path)) {
      out.push(path);
    }
  }
  return out;
}
