import { isFullSha, parseActionRef } from '../../lock/action-ref.ts';
import type { Rule } from '../types.ts';
import { ratchetExclusion, usesSites } from '../uses.ts';

const rule: Rule = {
  id: 'unpinned-uses',
  severity: 'error',
  summary: 'A remote `uses:` is not pinned to a full commit SHA (or a docker image to a digest)',
  help: 'Tags and branches can be moved by whoever controls the action repository, so a workflow that names one runs whatever code the tag points to today. Pin every remote action and reusable workflow to a 40-character commit SHA (keep the human-readable version in a `# ratchet:owner/repo@v4` comment) and every `docker://` image to an `@sha256:` digest. Local `./` references are part of this repository and need no pin.',
  check(ctx) {
    for (const site of usesSites(ctx.workflow)) {
      const v = site.value.trim();
      if (v.startsWith('./')) continue;
      if (ratchetExclusion(site.comment)) continue; // reported by excluded-uses
      if (v.startsWith('docker://')) {
        if (!/@sha256:[0-9a-f]{64}$/.test(v)) {
          ctx.report({
            at: site.node,
            message: `docker image "${v}" is not pinned to a digest`,
            fix: `Append the image digest: \`${v.replace(/@.*$/, '')}@sha256:<digest>\`.`,
          });
        }
        continue;
      }
      const ref = parseActionRef(v);
      if (!ref) {
        ctx.report({
          at: site.node,
          message: `"${v}" names no version`,
          fix: 'Write `owner/repo@<40-hex commit sha> # ratchet:owner/repo@<tag>`.',
        });
        continue;
      }
      if (isFullSha(ref.constraint)) continue;
      const name = v.slice(0, v.lastIndexOf('@'));
      ctx.report({
        at: site.node,
        message: `"${v}" is pinned to the movable ref "${ref.constraint}", not a commit SHA`,
        fix: `Pin it: \`${name}@<sha of ${ref.constraint}> # ratchet:${name}@${ref.constraint}\` (pnpm pin resolves the SHA).`,
      });
    }
  },
};

export default rule;
