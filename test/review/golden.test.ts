/**
 * Golden files of the whole rendered report for fixtures/base → fixtures/head, so that a reviewer
 * can read what `wf diff` prints. The explicit assertions live in wf-diff-repo.test.ts; these
 * catch unintended wording changes. Regenerate with UPDATE_GOLDEN=1 and read the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffWorkflows } from '../../scripts/review/diff-workflows.ts';
import { renderReview, type ReviewFormat } from '../../scripts/review/review-diff.ts';
import { FIXTURES } from './git-repo.ts';

function load(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir).map((f) => [`.github/workflows/${f}`, readFileSync(join(dir, f), 'utf8')]),
  );
}

const report = diffWorkflows(load(join(FIXTURES, 'base')), load(join(FIXTURES, 'head')));
// The commit of fixtures/base is not fixed (it depends on dates); any 40-hex value will do here.
const base = { ref: 'origin/main', commit: 'c85c95e3d7251135ab7dc9ce3241c5835cc595a9' };

describe('golden output for fixtures/base → fixtures/head', () => {
  for (const [format, ext] of [
    ['text', 'txt'],
    ['markdown', 'md'],
    ['json', 'json'],
  ] as [ReviewFormat, string][]) {
    it(`--format ${format} matches golden/review.${ext}.golden`, () => {
      // `.golden`: not formatted by prettier, which would realign the tables.
      const file = join(FIXTURES, 'golden', `review.${ext}.golden`);
      const actual = `${renderReview(report, base, format, false)}\n`;
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
      expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(actual).toBe(readFileSync(file, 'utf8'));
    });
  }
});
