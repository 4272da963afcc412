import { isScalar, type Scalar } from 'yaml';
import { getNode, trailingComment, type Workflow } from './workflow.ts';

/** A `uses:` value of a step or of a job calling a reusable workflow. */
export interface UsesSite {
  node: Scalar;
  value: string;
  path: string;
  /** Comment on the same line, without `#`. */
  comment: string | undefined;
  jobId: string;
  stepIndex?: number;
}

export function usesSites(wf: Workflow): UsesSite[] {
  const out: UsesSite[] = [];
  for (const job of wf.jobs) {
    const jobUses = getNode(job.node, 'uses');
    if (isScalar(jobUses) && typeof jobUses.value === 'string') {
      out.push({
        node: jobUses,
        value: jobUses.value,
        path: `${job.path}.uses`,
        comment: trailingComment(wf, jobUses),
        jobId: job.id,
      });
    }
    for (const step of job.steps) {
      if (!step.uses || typeof step.uses.value !== 'string') continue;
      out.push({
        node: step.uses,
        value: step.uses.value,
        path: `${step.path}.uses`,
        comment: trailingComment(wf, step.uses),
        jobId: job.id,
        stepIndex: step.index,
      });
    }
  }
  return out;
}

/** `ratchet:exclude` marker and its reason ('' when none), or undefined when not excluded. */
export function ratchetExclusion(comment: string | undefined): { reason: string } | undefined {
  const m = comment && /ratchet:exclude\b(.*)$/.exec(comment);
  if (!m) return undefined;
  const reason = (m[1] ?? '').replace(/^\s*(?:reason\s*)?[:\-–—]?\s*/i, '').trim();
  return { reason };
}

/** The constraint recorded by ratchet (`ratchet:owner/repo@v4` → `v4`). */
export function ratchetConstraint(comment: string | undefined): string | undefined {
  const m = comment && /ratchet:[^\s@]+@(\S+)/.exec(comment);
  return m ? m[1] : undefined;
}
