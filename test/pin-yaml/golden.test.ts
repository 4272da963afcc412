/**
 * Golden files: `cases/x.yml` pinned is `cases/x.golden.yml`; when unpinning changes it,
 * `cases/x.unpinned.golden.yml` holds that result. `UPDATE_GOLDEN=1` rewrites them for review.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pinText, unpinText, type Change } from '../../scripts/pin/yaml-rewrite.ts';
import { recordedResolver } from './recorded.ts';

const CASES = new URL('./cases/', import.meta.url).pathname;
const update = process.env.UPDATE_GOLDEN === '1';

function inputs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return inputs(p);
    return /\.ya?ml$/.test(e.name) && !e.name.includes('.golden.') ? [p] : [];
  });
}

/** Lines with their line breaks, so that CRLF and a missing final newline are compared too. */
function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

function checkGolden(path: string, actual: string | undefined): void {
  if (update) {
    if (actual === undefined) rmSync(path, { force: true });
    else writeFileSync(path, actual);
    return;
  }
  if (actual === undefined) {
    expect(existsSync(path), `${path} should not exist: the result equals the input`).toBe(false);
  } else {
    expect(existsSync(path), `missing golden file ${path}; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(actual).toBe(readFileSync(path, 'utf8'));
  }
}

/** Every line that is not the line of a change is byte-identical, and nothing moved. */
function expectOnlyChangedLines(before: string, after: string, changes: Change[]): void {
  const a = lines(before);
  const b = lines(after);
  expect(b.length, 'the number of lines stays the same').toBe(a.length);
  const changed = new Set(changes.map((c) => c.site.line - 1));
  a.forEach((line, i) => {
    if (changed.has(i)) {
      const eol = /\r?\n$/.exec(line)?.[0] ?? '';
      const change = changes.find((c) => c.site.line - 1 === i)!;
      expect(b[i], `line ${i + 1} is the reported new line`).toBe(change.after + eol);
      expect(line, `line ${i + 1} is the reported old line`).toBe(change.before + eol);
    } else {
      expect(b[i], `line ${i + 1} is untouched`).toBe(line);
    }
  });
}

describe.each(inputs(CASES).map((p) => [relative(CASES, p), p]))('%s', (_name, path) => {
  const original = readFileSync(path, 'utf8');
  const golden = path.replace(/\.(ya?ml)$/, '.golden.$1');
  const unpinnedGolden = path.replace(/\.(ya?ml)$/, '.unpinned.golden.$1');

  it('pins to the golden file, changing only the uses: lines', () => {
    const { text, changes } = pinText(original, recordedResolver(), { file: path });
    checkGolden(golden, text);
    expectOnlyChangedLines(original, text, changes);
  });

  it('unpins to the golden file (or leaves the text as it is)', () => {
    const { text, changes } = unpinText(original, { file: path });
    checkGolden(unpinnedGolden, text === original ? undefined : text);
    expectOnlyChangedLines(original, text, changes);
  });

  it('pinning a pinned file is a no-op', () => {
    const once = pinText(original, recordedResolver()).text;
    const again = pinText(once, recordedResolver());
    expect(again.changes).toEqual([]);
    expect(again.text).toBe(once);
  });

  it('unpinning after pinning gives what unpinning the original gives', () => {
    const pinned = pinText(original, recordedResolver()).text;
    expect(unpinText(pinned).text).toBe(unpinText(original).text);
  });
});
