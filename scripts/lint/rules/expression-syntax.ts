import type { Scalar } from 'yaml';
import { KNOWN_CONTEXTS, findEmbedded, parseExpression, valueOffset } from '../expressions.ts';
import { ifExpressionText } from '../fork-guard.ts';
import type { Finding, Rule } from '../types.ts';
import { walkStrings, type Workflow } from '../workflow.ts';
import { closest } from '../../core/suggest.ts';

const rule: Rule = {
  id: 'expression-syntax',
  severity: 'error',
  summary:
    'Invalid `${{ }}` expressions: double-quoted strings, unknown contexts, always-true `if:`',
  help: "Expressions accept only single-quoted strings (`github.event_name == 'push'`); a double-quoted string makes the whole workflow invalid. Names must be known contexts (github, env, vars, job, jobs, steps, runner, secrets, strategy, matrix, needs, inputs) or functions. An `if:` that has text outside `${{ }}` (e.g. `${{ a }} && ${{ b }}`) is a non-empty string and therefore always true.",
  check(ctx) {
    const wf = ctx.workflow;
    walkStrings(wf.root, '', ({ node, value, path, key }) => {
      const isIf = key === 'if' && /^jobs\.[^.]+(\.steps\[\d+\])?\.if$/.test(path);
      if (isIf) {
        const emb = findEmbedded(value.trim());
        const wrapped =
          emb.length === 1 && emb[0]!.start === 0 && emb[0]!.end === value.trim().length;
        if (emb.length && !wrapped) {
          ctx.report({
            at: node,
            message: `if: "${shorten(value)}" has text outside \${{ }}, so it is a non-empty string and always true`,
            fix: 'Write the whole condition as one expression, e.g. `if: ${{ a && b }}` or without `${{ }}` at all.',
          });
          return;
        }
        const text = ifExpressionText(value);
        check(wf, node, text, text, (f) => ctx.report(f));
        return;
      }
      for (const e of findEmbedded(value)) {
        const raw = value.slice(e.start, e.end);
        if (!e.closed) {
          ctx.report({
            at: valueOffset(wf, node, raw),
            message: 'an expression opened with `${{` is never closed',
            fix: 'Close it with `}}`.',
          });
          continue;
        }
        check(wf, node, e.inner, raw, (f) => ctx.report(f));
      }
    });
  },
};

/** Reports the problems of one expression `text`, located by searching `needle` in the scalar. */
function check(
  wf: Workflow,
  node: Scalar,
  text: string,
  needle: string,
  report: (f: Finding) => void,
): void {
  const parsed = parseExpression(text);
  if (!parsed.error) return;
  const base = valueOffset(wf, node, needle);
  const dq = doubleQuoted(text);
  if (dq) {
    const at = wf.text.indexOf(dq.literal, base);
    report({
      at: at >= 0 ? at : base,
      message: `double-quoted string ${dq.literal} in expression \`${shorten(text)}\`: expressions accept only single quotes`,
      fix: `Write '${dq.inner.replace(/'/g, "''")}' instead.`,
    });
    return;
  }
  const unknown = /^Unrecognized named-value: '([^']*)'/.exec(parsed.error.message);
  if (unknown) {
    const name = unknown[1]!;
    const suggestion = closest(name.toLowerCase(), KNOWN_CONTEXTS);
    report({
      at: base,
      message: `unknown context "${name}" in expression \`${shorten(text)}\``,
      fix: suggestion
        ? `Did you mean "${suggestion}"? Known contexts: ${KNOWN_CONTEXTS.join(', ')}.`
        : `Use one of the contexts ${KNOWN_CONTEXTS.join(', ')}.`,
    });
    return;
  }
  report({
    at: base,
    message: `invalid expression \`${shorten(text)}\`: ${shorten(parsed.error.message, 160)}`,
    fix: 'Correct the expression syntax (single-quoted strings, known functions, balanced parentheses).',
  });
}

/** Long conditions (the generated gates run to 400 characters) are cut in messages. */
function shorten(text: string, max = 80): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** The first "…" string outside single-quoted strings. */
function doubleQuoted(text: string): { literal: string; inner: string } | undefined {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (c === '"' && !quoted) {
      const end = text.indexOf('"', i + 1);
      if (end < 0) return undefined;
      return { literal: text.slice(i, end + 1), inner: text.slice(i + 1, end) };
    }
  }
  return undefined;
}

export default rule;
