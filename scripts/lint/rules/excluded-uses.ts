import type { Rule } from '../types.ts';
import { ratchetExclusion, usesSites } from '../uses.ts';

const rule: Rule = {
  id: 'excluded-uses',
  severity: 'warning',
  summary: 'A `uses:` is excluded from pinning with `# ratchet:exclude` (must give a reason)',
  help: 'An exclusion keeps a reference unpinned on purpose. It is listed as a warning so that every exclusion stays visible in review, and it is an error without a written reason (`# ratchet:exclude reason: …`).',
  check(ctx) {
    for (const site of usesSites(ctx.workflow)) {
      const excl = ratchetExclusion(site.comment);
      if (!excl) continue;
      if (!excl.reason) {
        ctx.report({
          at: site.node,
          severity: 'error',
          message: `"${site.value}" is excluded from pinning without a reason`,
          fix: 'Say why it cannot be pinned: `# ratchet:exclude reason: <why>`, or pin it.',
        });
      } else {
        ctx.report({
          at: site.node,
          message: `"${site.value}" is excluded from pinning: ${excl.reason}`,
          fix: 'Pin it to a commit SHA once the reason no longer holds.',
        });
      }
    }
  },
};

export default rule;
