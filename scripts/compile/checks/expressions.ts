import type { Diagnostic } from '../../core/diagnostics.ts';
import { findEmbedded, parseExpression } from '../../core/expressions.ts';
import type { FileModel } from '../model.ts';
import { at, strings } from './report.ts';

/** The parser's message, with the fix for the most common mistake spelled out. */
function parseError(source: string): string | undefined {
  const err = parseExpression(source).error;
  if (!err) return undefined;
  return /Unexpected symbol: '"/.test(err.message)
    ? `${err.message} — strings in expressions use single quotes ('like this'); use lit() or ex\`\` to write them`
    : err.message;
}

/** Every `${{ }}` balanced and parseable; every `if:` a valid expression that is not always true. */
export function checkExpressions(model: FileModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [path, s] of strings(model.data, '')) {
    const isIf = /(^|\.)if$/.test(path);
    if (isIf && !s.includes('${{')) {
      const err = parseError(s);
      if (err) out.push(at(model, path, `invalid expression: ${err}`, 'expression'));
      continue;
    }
    const found = findEmbedded(s);
    for (const e of found) {
      if (!e.closed) {
        out.push(at(model, path, '"${{" without a closing "}}"', 'expression'));
        continue;
      }
      const err = parseError(e.inner.trim());
      if (err)
        out.push(at(model, path, `invalid expression \${{${e.inner}}}: ${err}`, 'expression'));
    }
    const whole =
      found.length === 1 &&
      found[0]!.start === s.length - s.trimStart().length &&
      found[0]!.end === s.trimEnd().length;
    if (isIf && found.length && !whole) {
      out.push(
        at(model, path, 'text outside ${{ }} makes this condition always true', 'expression'),
      );
    }
  }
  return out;
}
