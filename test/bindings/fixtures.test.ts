/**
 * The committed binding fixtures that types.test.ts compiles against are exactly what the
 * generator renders from the recorded action.yml files (golden files). After a deliberate change
 * to the generator, rewrite them with `UPDATE_FIXTURES=1 pnpm vitest run test/bindings/fixtures`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseActionMetadata } from '../../scripts/bindings/metadata.ts';
import { bindingFileName, renderBindingModule } from '../../scripts/bindings/render.ts';
import { prettierDiff, recordedFile, recordedSha } from './helpers.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** [key, repository, tag or branch]: required inputs; deprecated inputs; no inputs or outputs. */
export const FIXTURE_ACTIONS = [
  ['re-actors/alls-green@release/v1', 're-actors/alls-green', 'release/v1'],
  ['docker/setup-buildx-action@v3', 'docker/setup-buildx-action', 'v3'],
  ['rlespinasse/github-slug-action@v3', 'rlespinasse/github-slug-action', 'v3'],
] as const;

describe('binding fixtures', () => {
  it.each(FIXTURE_ACTIONS)('%s matches the generator', async (key, fullName, name) => {
    const sha = recordedSha(fullName, name);
    const meta = parseActionMetadata(recordedFile(fullName, sha), {
      action: fullName,
      sha,
      file: 'action.yml',
    });
    const expected = renderBindingModule(key, sha, meta, {
      dslImport: '../../../scripts/dsl/action.ts',
    });
    const file = join(FIXTURES, bindingFileName(key));
    if (process.env.UPDATE_FIXTURES) await writeFile(file, expected);
    expect(await readFile(file, 'utf8')).toBe(expected);
    expect(await prettierDiff(expected)).toEqual([]);
  });
});
