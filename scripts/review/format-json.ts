import type { BaseInfo } from './format-text.ts';
import { countSecurity, type ReviewReport, type WorkflowReport } from './report.ts';

/** The `--format json` document. Keys are emitted in this order; arrays are sorted. */
export interface JsonReport {
  version: ReviewReport['version'];
  base: BaseInfo;
  summary: {
    files: number;
    added: number;
    removed: number;
    modified: number;
    securityRelevant: number;
  };
  workflows: WorkflowReport[];
}

export function toJsonReport(report: ReviewReport, base: BaseInfo): JsonReport {
  const count = (s: WorkflowReport['status']) =>
    report.workflows.filter((w) => w.status === s).length;
  return {
    version: report.version,
    base: { ref: base.ref, commit: base.commit },
    summary: {
      files: report.workflows.length,
      added: count('added'),
      removed: count('removed'),
      modified: count('modified'),
      securityRelevant: countSecurity(report),
    },
    workflows: report.workflows,
  };
}

export function formatJson(report: ReviewReport, base: BaseInfo): string {
  return JSON.stringify(toJsonReport(report, base), null, 2);
}
