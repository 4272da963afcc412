/**
 * `# lint-allow <rule-id>: <reason>` comments. One placed directly above a mapping key or a
 * sequence item (`- `) covers that node's whole subtree; one above the file's first key covers
 * the whole file.
 */
export interface Suppression {
  rule: string;
  /** Empty when the comment gives none (itself a finding). */
  reason: string;
  /** 1-based position of the comment. */
  line: number;
  col: number;
  /** Lines covered, inclusive, 1-based. */
  from: number;
  to: number;
  used: boolean;
}

const ALLOW_RE = /^(\s*)#\s*lint-allow\b\s*([A-Za-z0-9_-]*)\s*(?::\s*(.*?))?\s*$/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function isContent(line: string): boolean {
  const t = line.trim();
  return t !== '' && !t.startsWith('#');
}

export function parseSuppressions(text: string): Suppression[] {
  const lines = text.split('\n');
  const firstContent = lines.findIndex(isContent);
  const out: Suppression[] = [];
  lines.forEach((line, i) => {
    const m = ALLOW_RE.exec(line);
    if (!m) return;
    let target = i + 1;
    while (target < lines.length && !isContent(lines[target]!)) target++;
    const base = {
      rule: m[2] ?? '',
      reason: m[3] ?? '',
      line: i + 1,
      col: m[1]!.length + 1,
      used: false,
    };
    if (target >= lines.length) {
      out.push({ ...base, from: i + 1, to: i + 1 });
    } else if (target === firstContent && indentOf(lines[target]!) === 0) {
      out.push({ ...base, from: 1, to: lines.length });
    } else {
      out.push({ ...base, from: target + 1, to: subtreeEnd(lines, target) + 1 });
    }
  });
  return out;
}

/** Last line index (0-based) of the node that starts on line `start`. */
function subtreeEnd(lines: string[], start: number): number {
  const head = lines[start]!;
  const indent = indentOf(head);
  const isItem = head.trimStart().startsWith('- ') || head.trim() === '-';
  // `key:` followed by a compact sequence at the same indent (`steps:\n- run: x`).
  const keyWithoutValue = !isItem && /:\s*(#.*)?$/.test(head);
  let end = start;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!isContent(line)) continue;
    const ind = indentOf(line);
    const sameIndentItem = keyWithoutValue && ind === indent && line.trimStart().startsWith('-');
    if (ind > indent || sameIndentItem) end = i;
    else break;
  }
  return end;
}

/**
 * Finds the suppression covering `line` for `rule` and marks it used; one without a reason suppresses nothing.
 */
export function suppressionFor(
  suppressions: Suppression[],
  rule: string,
  line: number,
): Suppression | undefined {
  let s: Suppression | undefined;
  for (const x of suppressions) {
    if (x.rule !== rule || x.reason === '' || x.line === line || line < x.from || line > x.to)
      continue;
    // The innermost suppression wins, so that a file-wide one does not make it look unused.
    if (!s || x.to - x.from < s.to - s.from) s = x;
  }
  if (s) s.used = true;
  return s;
}
