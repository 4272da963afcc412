import { mkdtemp, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { serializeLock, type Lock } from '../../scripts/lock/lock.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

/**
 * A throwaway repository laid out like this one: its own workflows-src/, .github/ and lock, with
 * the real tool (scripts/) and dependencies linked in, so sources import `#ci` as they do here.
 */
export async function makeProject(files: Record<string, string>, lock?: Lock): Promise<Project> {
  const dir = await mkdtemp(join(tmpdir(), 'openllm-ci-'));
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ type: 'module', imports: { '#ci': './scripts/dsl/index.ts' } }),
  );
  await symlink(join(ROOT, 'scripts'), join(dir, 'scripts'));
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const project = new Project(dir);
  for (const [p, text] of Object.entries(files)) await project.write(p, text);
  if (lock) await project.write('generated/actions.lock.json', serializeLock(lock));
  return project;
}

export class Project {
  constructor(readonly dir: string) {}
  async write(path: string, text: string): Promise<void> {
    await mkdir(dirname(join(this.dir, path)), { recursive: true });
    await writeFile(join(this.dir, path), text);
  }
  read(path: string): Promise<string> {
    return readFile(join(this.dir, path), 'utf8');
  }
  async remove(path: string): Promise<void> {
    await rm(join(this.dir, path));
  }
  /** Every file under .github/ and generated/ with its bytes, to prove nothing changed. */
  async snapshot(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const top of ['.github', 'generated']) {
      const entries = await readdir(join(this.dir, top), {
        recursive: true,
        withFileTypes: true,
      }).catch(() => []);
      for (const e of entries) {
        if (!e.isFile()) continue;
        const abs = join(e.parentPath, e.name);
        out.set(abs.slice(this.dir.length + 1), await readFile(abs, 'utf8'));
      }
    }
    return out;
  }
  async cleanup(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

export const SHA = {
  checkout: 'fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09',
  setupPython: 'a26af69be951a213d495a4c3e4e4022e16d87065',
};

/** A lock with the two actions the sample sources use. */
export const sampleLock: Lock = {
  version: 1,
  actions: {
    'actions/checkout@v5': { sha: SHA.checkout, kind: 'tag' },
    'actions/setup-python@v5': { sha: SHA.setupPython, kind: 'tag' },
  },
};
