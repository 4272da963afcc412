import pc from 'picocolors';

/** One finding from any stage of the tool: compile checks, pin checks, lint rules. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Repository-relative path of the file the user must edit. */
  file: string;
  /** 1-based position in `file`, when known. */
  line?: number;
  col?: number;
  /** Path inside the workflow, e.g. `jobs.start-runner.needs[0]`. */
  path?: string;
  message: string;
  /** Lint rule id or check class, e.g. `job-graph`. */
  rule?: string;
  /** One sentence telling how to fix it. */
  fix?: string;
}

/** `file:line:col: path: message [rule]` — the text form used on a terminal and in tests. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line ? `${d.file}:${d.line}:${d.col ?? 1}` : d.file;
  const path = d.path ? `${d.path}: ` : '';
  const rule = d.rule ? ` [${d.rule}]` : '';
  const fix = d.fix ? ` ${d.fix}` : '';
  return `${where}: ${path}${d.message}${fix}${rule}`;
}

/** GitHub workflow-command escaping for the message part and for properties. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,line=…,col=…::…` so the finding shows inline on the pull request. */
export function formatAnnotation(d: Diagnostic): string {
  const props = [`file=${escapeProperty(d.file)}`];
  if (d.line) props.push(`line=${d.line}`);
  if (d.col) props.push(`col=${d.col}`);
  if (d.rule) props.push(`title=${escapeProperty(d.rule)}`);
  const path = d.path ? `${d.path}: ` : '';
  const fix = d.fix ? ` ${d.fix}` : '';
  return `::${d.severity} ${props.join(',')}::${escapeData(path + d.message + fix)}`;
}

export function inGitHubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

/** Renders diagnostics for the current environment: annotations in Actions, coloured text elsewhere. */
export function renderDiagnostics(
  diags: readonly Diagnostic[],
  opts: { color?: boolean; env?: NodeJS.ProcessEnv } = {},
): string {
  const env = opts.env ?? process.env;
  if (inGitHubActions(env)) return diags.map(formatAnnotation).join('\n');
  const color = opts.color ?? false;
  const c = pc.createColors(color);
  return diags
    .map((d) => {
      const tag = d.severity === 'error' ? c.red('error') : c.yellow('warning');
      return `${tag} ${formatDiagnostic(d)}`;
    })
    .join('\n');
}

export function summarize(diags: readonly Diagnostic[]): string {
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/** A failure the user caused (bad input); printed without a stack trace unless --debug. */
export class UserError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(message: string, diagnostics: readonly Diagnostic[] = []) {
    super(message);
    this.name = 'UserError';
    this.diagnostics = diagnostics;
  }
}
