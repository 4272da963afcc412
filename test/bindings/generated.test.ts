/**
 * The committed generated/actions folder: every module is byte-for-byte what the generator makes
 * from the recorded action.yml at the SHA in its header, and the index lists exactly those
 * modules. Holds for whatever set `pnpm pin` (or bootstrap.ts) generated.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindings } from '../../generated/actions/index.ts';
import { newestMajorKeys, readRecordedRepos } from '../../scripts/bindings/bootstrap.ts';
import { parseHeader } from '../../scripts/bindings/header.ts';
import { parseActionMetadata } from '../../scripts/bindings/metadata.ts';
import { BINDINGS_DIR } from '../../scripts/bindings/plan.ts';
import {
  bindingFileName,
  refOfKey,
  renderBindingModule,
  renderIndex,
} from '../../scripts/bindings/render.ts';
import { FIXTURES_DIR, loadRepo } from '../fake-github/data.ts';

describe('generated/actions', () => {
  const keys = Object.keys(bindings);

  it('has a module for every key of the index, and no other binding module', async () => {
    const files = (await readdir(BINDINGS_DIR)).filter(
      (f) => f.endsWith('.ts') && f !== 'index.ts',
    );
    const modules: string[] = [];
    for (const f of files) {
      const header = parseHeader(await readFile(join(BINDINGS_DIR, f), 'utf8'));
      if (header && header.source !== 'none') modules.push(f);
    }
    expect(modules.sort()).toEqual(keys.map(bindingFileName).sort());
    expect(await readFile(join(BINDINGS_DIR, 'index.ts'), 'utf8')).toBe(renderIndex(keys));
  });

  it.each(keys)('%s is rendered from the recorded action.yml at its SHA', async (key) => {
    const text = await readFile(join(BINDINGS_DIR, bindingFileName(key)), 'utf8');
    const header = parseHeader(text)!;
    const ref = refOfKey(key);
    const data = loadRepo(`${ref.owner}/${ref.repo}`)!;
    const file = header.source as 'action.yml' | 'action.yaml';
    const yml = data.action_files[header.sha]?.[ref.path ? `${ref.path}/${file}` : file];
    expect(yml, `recorded ${file} of ${key} at ${header.sha}`).toBeDefined();
    const meta = parseActionMetadata(yml!, { action: header.action, sha: header.sha, file });
    expect(text).toBe(renderBindingModule(key, header.sha, meta));
    expect(bindings[key as keyof typeof bindings].sha).toBe(header.sha);
  });
});

describe('bootstrap key choice', () => {
  it('takes the newest major of each recorded action: alias tag, else alias branch, else newest tag', () => {
    expect(newestMajorKeys(readRecordedRepos(FIXTURES_DIR))).toEqual([
      'aarnphm/ec2-github-runner@v1.1.0',
      'actions/cache@v5',
      'actions/checkout@v7',
      'actions/download-artifact@v8',
      'actions/setup-node@v7',
      'actions/setup-python@v7',
      'actions/upload-artifact@v7',
      'aquasecurity/trivy-action@v0.36.0',
      'aws-actions/configure-aws-credentials@v6',
      'bentoml/setup-bentoml-action@v1',
      'crazy-max/ghaction-import-gpg@v7',
      'docker/build-push-action@v7',
      'docker/login-action@v4',
      'docker/metadata-action@v6',
      'docker/setup-buildx-action@v4',
      'docker/setup-qemu-action@v4',
      'dtolnay/rust-toolchain@stable',
      'github/codeql-action/upload-sarif@v4',
      'marocchino/sticky-pull-request-comment@v3',
      'peter-evans/create-pull-request@v8',
      'pnpm/action-setup@v4',
      'pypa/cibuildwheel@v4.2.0',
      'pypa/gh-action-pypi-publish@release/v1',
      're-actors/alls-green@release/v1',
      'rlespinasse/github-slug-action@v4',
      'sigstore/cosign-installer@v4.1.2',
      'softprops/action-gh-release@v3',
      'taiki-e/install-action@v2',
    ]);
  });
});
