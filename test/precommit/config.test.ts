import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../compile/project.ts';

interface Hook {
  id: string;
  language: string;
  entry: string;
  additional_dependencies?: string[];
}

async function load() {
  const config = parse(await readFile(`${ROOT}/.pre-commit-config.yaml`, 'utf8')) as {
    repos: { repo: string; hooks: Hook[] }[];
  };
  const pkg = JSON.parse(await readFile(`${ROOT}/package.json`, 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const hooks = new Map(config.repos.flatMap((r) => r.hooks).map((h) => [h.id, h]));
  return { config, pkg, hooks };
}

describe('.pre-commit-config.yaml', () => {
  it('installs exactly the runtime dependencies of package.json (same versions) plus tsx for the freshness hook', async () => {
    const { pkg, hooks } = await load();
    const expected = [...Object.entries(pkg.dependencies), ['tsx', pkg.devDependencies.tsx!]]
      .map(([name, version]) => `${name}@${version}`)
      .sort();
    expect([...(hooks.get('workflows-fresh')?.additional_dependencies ?? [])].sort()).toEqual(
      expected,
    );
  });

  it('pins prettier to the version package.json uses', async () => {
    const { pkg, hooks } = await load();
    expect(hooks.get('prettier')?.additional_dependencies).toEqual([
      `prettier@${pkg.devDependencies.prettier}`,
    ]);
  });

  it('uses only languages pre-commit.ci can install without network at run time', async () => {
    const { config } = await load();
    for (const repo of config.repos) {
      // A remote hook repository would need cloning from GitHub; keep everything local.
      expect(repo.repo).toBe('local');
      for (const h of repo.hooks) expect(['node', 'pygrep']).toContain(h.language);
    }
  });
});
