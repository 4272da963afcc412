import { Lexer, Parser } from '@actions/expressions';
import type { Diagnostic } from '../../core/diagnostics.ts';
import type { FileModel } from '../model.ts';
import { at, strings } from './report.ts';

const CONTEXTS = [
  'github',
  'env',
  'vars',
  'job',
  'jobs',
  'steps',
  'runner',
  'secrets',
  'strategy',
  'matrix',
  'needs',
  'inputs',
];

/** Status functions and hashFiles: valid in workflows, unknown to the bare expression parser. */
const WORKFLOW_FUNCTIONS = [
  { name: 'always', minArgs: 0, maxArgs: 0 },
  { name: 'success', minArgs: 0, maxArgs: 0 },
  { name: 'failure', minArgs: 0, maxArgs: 0 },
  { name: 'cancelled', minArgs: 0, maxArgs: 0 },
  { name: 'hashfiles', minArgs: 1, maxArgs: 255 },
];

/** Parses one expression source; returns the parser's message on failure. */
export function parseError(source: string): string | undefined {
  try {
    new Parser(new Lexer(source).lex().tokens, CONTEXTS, WORKFLOW_FUNCTIONS).parse();
    return undefined;
  } catch (e) {
    const msg = (e as Error).message;
    return /Unexpected symbol: '"/.test(msg)
      ? `${msg} — strings in expressions use single quotes ('like this'); use lit() or ex\`\` to write them`
      : msg;
  }
}

/** Splits `text` into its `${{ … }}` parts; reports an opening without a closing. */
export function embedded(text: string): { sources: string[]; unbalanced: boolean } {
  const sources: string[] = [];
  let i = 0;
  for (;;) {
    const open = text.indexOf('${{', i);
    if (open < 0) return { sources, unbalanced: false };
    const close = text.indexOf('}}', open + 3);
    if (close < 0) return { sources, unbalanced: true };
    sources.push(text.slice(open + 3, close).trim());
    i = close + 2;
  }
}

/** Every `${{ }}` balanced and parseable; every `if:` a valid expression. */
export function checkExpressions(model: FileModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [path, s] of strings(model.data, '')) {
    const isIf = /(^|\.)if$/.test(path);
    if (isIf && !s.includes('${{')) {
      const err = parseError(s);
      if (err) out.push(at(model, path, `invalid expression: ${err}`, 'expression'));
      continue;
    }
    const { sources, unbalanced } = embedded(s);
    if (unbalanced) out.push(at(model, path, '"${{" without a closing "}}"', 'expression'));
    for (const src of sources) {
      const err = parseError(src);
      if (err) out.push(at(model, path, `invalid expression \${{ ${src} }}: ${err}`, 'expression'));
    }
    const wholeValue = sources.length === 1 && /^\$\{\{[^]*\}\}$/.test(s.trim());
    if (isIf && sources.length && !wholeValue) {
      out.push(
        at(model, path, 'text outside ${{ }} makes this condition always true', 'expression'),
      );
    }
  }
  return out;
}
