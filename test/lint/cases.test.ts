import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../scripts/lint/engine.ts';
import { RULES } from '../../scripts/lint/rules/index.ts';

/**
 * Test data: `cases/<rule-id>/fail-*.yml` and `pass-*.yml`. A failing case lists what it must
 * produce in header comments, `# expect: <rule> at <line> [error|warning]`; findings of the
 * directory's rule must match that list exactly. Passing cases must produce no finding of the
 * rule. In `suppressions/` every finding counts, and `clean/` must produce none at all.
 */
const CASES = join(import.meta.dirname, 'cases');

interface Expected {
  rule: string;
  line: number;
  severity?: string;
}

function expectations(text: string): Expected[] {
  return [...text.matchAll(/^# expect: (\S+) at (\d+)(?: (error|warning))?$/gm)].map((m) => ({
    rule: m[1]!,
    line: Number(m[2]),
    ...(m[3] ? { severity: m[3] } : {}),
  }));
}

const key = (e: Expected) => `${e.rule} at ${e.line}${e.severity ? ` ${e.severity}` : ''}`;

const dirs = readdirSync(CASES).sort();

it('has failing and passing cases for every rule', () => {
  for (const rule of RULES) {
    const files = dirs.includes(rule.id) ? readdirSync(join(CASES, rule.id)) : [];
    expect(
      files.some((f) => f.startsWith('fail-')),
      `${rule.id} needs a fail-*.yml case`,
    ).toBe(true);
    expect(
      files.some((f) => f.startsWith('pass-')),
      `${rule.id} needs a pass-*.yml case`,
    ).toBe(true);
  }
});

for (const dir of dirs) {
  describe(dir, () => {
    for (const name of readdirSync(join(CASES, dir)).sort()) {
      const file = `test/lint/cases/${dir}/${name}`;
      const text = readFileSync(join(CASES, dir, name), 'utf8');
      it(name, async () => {
        const diags = await lintText(file, text);
        for (const d of diags) expect(d.file).toBe(file);
        // Test data must be a workflow, or no rule would have looked at it.
        expect(diags.filter((d) => d.rule === 'yaml-syntax').map((d) => d.message)).toEqual([]);
        if (dir !== 'workflow-parser' && !name.includes('parser-error')) {
          expect(diags.filter((d) => d.rule === 'workflow-parser').map((d) => d.message)).toEqual(
            [],
          );
        }
        const everything = dir === 'suppressions' || dir === 'clean';
        const relevant = everything ? diags : diags.filter((d) => d.rule === dir);
        const expected = expectations(text);
        if (name.startsWith('pass-') || dir === 'clean') {
          expect(expected, 'a passing case declares no expectations').toEqual([]);
          expect(relevant.map((d) => `${d.rule} at ${d.line}: ${d.message}`)).toEqual([]);
          return;
        }
        expect(expected.length, 'a failing case declares what it expects').toBeGreaterThan(0);
        const withSeverity = new Set(expected.filter((e) => e.severity).map((e) => e.line));
        const actual = relevant.map((d) =>
          key({
            rule: d.rule!,
            line: d.line!,
            ...(withSeverity.has(d.line!) ? { severity: d.severity } : {}),
          }),
        );
        expect(actual.sort()).toEqual(expected.map(key).sort());
        for (const d of relevant) {
          expect(d.col, 'every finding has a column').toBeGreaterThan(0);
          expect(d.fix, 'every finding says how to fix it').toMatch(/\S/);
        }
      });
    }
  });
}
