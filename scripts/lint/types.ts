import type { Node } from 'yaml';
import type { Workflow } from './workflow.ts';

export type Severity = 'error' | 'warning';

/** What a rule reports; the engine turns it into a positioned, suppressible `Diagnostic`. */
export interface Finding {
  /** The YAML node the finding is about, or an absolute source offset. */
  at: Node | number | undefined;
  message: string;
  /** One sentence telling how to fix it. */
  fix: string;
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
}

export interface RuleContext {
  readonly workflow: Workflow;
  report(finding: Finding): void;
}

/** One lint rule: a module under `scripts/lint/rules/`, default-exported. */
export interface Rule {
  id: string;
  severity: Severity;
  /** One line for `--help`, SARIF metadata and docs. */
  summary: string;
  /** Longer explanation (SARIF `help`). */
  help: string;
  check(ctx: RuleContext): void | Promise<void>;
}
