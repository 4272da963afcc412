import { diffWorkflows } from './diff-workflows.ts';
import { formatJson } from './format-json.ts';
import { formatMarkdown } from './format-markdown.ts';
import { formatText, type BaseInfo } from './format-text.ts';
import {
  readWorkflowsAtCommit,
  readWorkingTreeWorkflows,
  repositoryRoot,
  resolveBase,
  type ResolvedBase,
} from './git-workflows.ts';
import type { ReviewReport } from './report.ts';

export type ReviewFormat = 'text' | 'markdown' | 'json';
export const REVIEW_FORMATS: readonly ReviewFormat[] = ['text', 'markdown', 'json'];

export interface ReviewResult {
  base: ResolvedBase;
  report: ReviewReport;
}

/**
 * Compares the workflows at `base` (default `origin/main`) with the working tree of the
 * repository containing `cwd`. Throws `GitRefError` for a bad repository or ref.
 */
export async function reviewWorkingTree(cwd: string, base?: string): Promise<ReviewResult> {
  const root = await repositoryRoot(cwd);
  const resolved = await resolveBase(root, base);
  const before = await readWorkflowsAtCommit(root, resolved.commit);
  const after = await readWorkingTreeWorkflows(root);
  return { base: resolved, report: diffWorkflows(before, after) };
}

export function renderReview(
  report: ReviewReport,
  base: BaseInfo,
  format: ReviewFormat,
  color = false,
): string {
  switch (format) {
    case 'text':
      return formatText(report, base, color);
    case 'markdown':
      return formatMarkdown(report, base);
    case 'json':
      return formatJson(report, base);
  }
}
