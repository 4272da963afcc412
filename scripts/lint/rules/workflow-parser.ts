import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { ErrorPolicy, convertWorkflowTemplate } from '@actions/workflow-parser/model/convert';
import type { Rule } from '../types.ts';

/** GitHub's own parser: what it rejects, GitHub rejects when the workflow is triggered. */
const rule: Rule = {
  id: 'workflow-parser',
  severity: 'error',
  summary: "GitHub's workflow parser (@actions/workflow-parser) rejects the file",
  help: 'Runs the parser that GitHub maintains for its language services on the file, including the conversion step that checks job dependencies, and reports each error at its position. A workflow with such an error does not run at all.',
  async check(ctx) {
    const wf = ctx.workflow;
    const parsed = parseWorkflow({ name: wf.file, content: wf.text }, new NoOperationTraceWriter());
    if (parsed.value) {
      await convertWorkflowTemplate(parsed.context, parsed.value, undefined, {
        errorPolicy: ErrorPolicy.TryConversion,
      });
    }
    const seen = new Set<string>();
    for (const err of parsed.context.errors.getErrors()) {
      const start = err.range?.start;
      const offset = start ? offsetAt(wf.lines.lineStarts, start.line, start.column) : 0;
      const key = `${offset}:${err.rawMessage}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({
        at: offset,
        message: err.rawMessage,
        fix: "Correct the workflow so that it matches GitHub's workflow syntax.",
      });
    }
  },
};

/** Parser positions are 1-based line and column. */
function offsetAt(lineStarts: number[], line: number, col: number): number {
  return (lineStarts[line - 1] ?? 0) + Math.max(0, col - 1);
}

export default rule;
