import { readFile, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Node } from 'yaml';
import { UserError, type Diagnostic } from '../core/diagnostics.ts';
import { RULES } from './rules/index.ts';
import { parseSuppressions, suppressionFor } from './suppressions.ts';
import type { Finding, Rule } from './types.ts';
import { parseWorkflow, type Workflow } from './workflow.ts';

/** Ids of findings the engine itself produces (not rule modules). */
export const ENGINE_RULES = {
  yamlSyntax: 'yaml-syntax',
  unusedSuppression: 'unused-suppression',
  invalidSuppression: 'invalid-suppression',
} as const;

export interface LintResult {
  files: string[];
  diagnostics: Diagnostic[];
}

/** Lints one workflow's text. `file` is the path shown in diagnostics. */
export async function lintText(
  file: string,
  text: string,
  rules: readonly Rule[] = RULES,
): Promise<Diagnostic[]> {
  const { workflow, syntaxErrors } = parseWorkflow(file, text);
  const position = (offset: number | undefined) => positionOf(workflow, offset);
  if (syntaxErrors.length) {
    return syntaxErrors.map((e) => ({
      severity: 'error',
      file,
      ...position(e.offset),
      message: sentence(`not valid YAML: ${e.message.split('\n')[0]}`),
      fix: 'Fix the YAML syntax at this position; no other check ran on this file.',
      rule: ENGINE_RULES.yamlSyntax,
    }));
  }

  const raw: Diagnostic[] = [];
  for (const rule of rules) {
    const report = (f: Finding) => raw.push(toDiagnostic(workflow, rule, f));
    await rule.check({ workflow, report });
  }

  const suppressions = parseSuppressions(text);
  const out: Diagnostic[] = [];
  for (const d of dropParserDuplicates(raw)) {
    if (d.line && suppressionFor(suppressions, d.rule ?? '', d.line)) continue;
    out.push(d);
  }
  const known = new Set(rules.map((r) => r.id));
  for (const s of suppressions) {
    const at = { file, line: s.line, col: s.col };
    if (!known.has(s.rule)) {
      out.push({
        severity: 'error',
        ...at,
        message: s.rule
          ? `lint-allow names unknown rule "${s.rule}".`
          : 'lint-allow names no rule.',
        fix: `Write \`# lint-allow <rule-id>: <reason>\` with one of: ${[...known].join(', ')}.`,
        rule: ENGINE_RULES.invalidSuppression,
      });
    } else if (!s.reason) {
      out.push({
        severity: 'error',
        ...at,
        message: `lint-allow ${s.rule} gives no reason.`,
        fix: `Say why the finding is acceptable: \`# lint-allow ${s.rule}: <reason>\`.`,
        rule: ENGINE_RULES.invalidSuppression,
      });
    } else if (!s.used) {
      out.push({
        severity: 'error',
        ...at,
        message: `lint-allow ${s.rule} suppresses nothing.`,
        fix: 'Remove the comment: the finding it was written for is gone.',
        rule: ENGINE_RULES.unusedSuppression,
      });
    }
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

function positionOf(wf: Workflow, offset: number | undefined): { line?: number; col?: number } {
  if (offset === undefined) return {};
  const { line, col } = wf.lines.linePos(offset);
  return line ? { line, col } : {};
}

function toDiagnostic(wf: Workflow, rule: Rule, f: Finding): Diagnostic {
  const offset = typeof f.at === 'number' ? f.at : (f.at as Node | undefined)?.range?.[0];
  return {
    severity: f.severity ?? rule.severity,
    file: wf.file,
    ...positionOf(wf, offset),
    message: sentence(f.message),
    fix: f.fix,
    rule: rule.id,
  };
}

/** Ends the message with a full stop so that `message fix` reads as two sentences. */
function sentence(s: string): string {
  return /[.!?:]$/.test(s) ? s : `${s}.`;
}

/** Our expression rules explain the parser's expression errors better (with a fix): keep the parser's only where ours are silent. */
function dropParserDuplicates(diags: Diagnostic[]): Diagnostic[] {
  const overlapping = new Set(['expression-syntax', 'job-graph']);
  const ownLines = new Set(
    diags.filter((d) => overlapping.has(d.rule ?? '') && d.line).map((d) => d.line),
  );
  return diags.filter((d) => d.rule !== 'workflow-parser' || !ownLines.has(d.line));
}

/** Expands the command-line paths: directories to their `*.yml`/`*.yaml` files (not recursive, like GitHub). */
export async function collectWorkflowFiles(paths: string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const abs = isAbsolute(p) ? p : resolve(cwd, p);
    let info;
    try {
      info = await stat(abs);
    } catch {
      throw new UserError(`${p}: no such file or directory`);
    }
    if (info.isDirectory()) {
      const names = (await readdir(abs)).filter((n) => /\.ya?ml$/.test(n)).sort();
      files.push(...names.map((n) => join(abs, n)));
    } else {
      files.push(abs);
    }
  }
  return [...new Set(files)];
}

export async function lintFiles(
  paths: string[],
  cwd: string,
  rules: readonly Rule[] = RULES,
): Promise<LintResult> {
  const files = await collectWorkflowFiles(paths, cwd);
  const diagnostics: Diagnostic[] = [];
  for (const abs of files) {
    const text = await readFile(abs, 'utf8');
    const shown = relative(cwd, abs) || abs;
    diagnostics.push(...(await lintText(shown, text, rules)));
  }
  return { files: files.map((f) => relative(cwd, f) || f), diagnostics };
}
