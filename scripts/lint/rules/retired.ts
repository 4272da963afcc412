import { isScalar } from 'yaml';
import { actionName, isFullSha, parseActionRef } from '../../lock/action-ref.ts';
import { RETIRED_RUNNERS, retiredActions, type RetiredCode } from '../retired-data.ts';
import type { Rule } from '../types.ts';
import { ratchetConstraint, usesSites } from '../uses.ts';
import { getNode, walkStrings } from '../workflow.ts';

const REASONS: Record<RetiredCode, string> = {
  node12: 'runs on node12, which GitHub-hosted runners no longer provide',
  node16: 'runs on node16, which is end-of-life and deprecated on GitHub-hosted runners',
  'artifacts-v3':
    'is a v1–v3 artifact action; GitHub shut down the artifact service it uses on 30 January 2025, so it fails',
};

const rule: Rule = {
  id: 'retired',
  severity: 'error',
  summary: 'An action version or runner image that no longer works or is deprecated',
  help: 'Retired runner images (macos-12, ubuntu-20.04, windows-2019, …) never start a job; v1–v3 artifact actions fail since the artifact service they use was shut down; actions whose action.yml runs on node12/node16 depend on runtimes GitHub removed or deprecated. Versions are known from the recorded action metadata (scripts/lint/data/retired-actions.json): pinned SHAs are matched by commit, unpinned references and ratchet comments by tag. The fix names the newest working major.',
  check(ctx) {
    const data = retiredActions();
    for (const site of usesSites(ctx.workflow)) {
      const ref = parseActionRef(site.value.trim());
      if (!ref) continue;
      const name = actionName(ref);
      const entry = data[name.toLowerCase()];
      if (!entry) continue;
      let code: RetiredCode | undefined;
      let shown = ref.constraint;
      if (isFullSha(ref.constraint)) {
        code = entry.shas[ref.constraint];
        const tag = ratchetConstraint(site.comment);
        if (tag) shown = tag;
        if (!code && tag) code = entry.tags[tag];
      } else {
        code = entry.tags[ref.constraint];
      }
      if (!code) continue;
      const to = entry.replacement;
      const note =
        code === 'artifacts-v3'
          ? ' v4+ artifacts are immutable: give each matrix upload its own name and download with `pattern` and `merge-multiple`.'
          : '';
      ctx.report({
        at: site.node,
        message: `${name}@${shown} ${REASONS[code]}`,
        fix: to
          ? `Upgrade to ${name}@${to.ref} (runs on ${to.runtime}) and re-pin it.${note}`
          : 'Replace it with a maintained action that runs on a current Node runtime.',
      });
    }
    for (const job of ctx.workflow.jobs) {
      for (const key of ['runs-on', 'strategy']) {
        walkStrings(getNode(job.node, key), '', ({ node, value }) => {
          const label = value.trim().toLowerCase();
          const retired = RETIRED_RUNNERS[label];
          if (!retired || !isScalar(node)) return;
          ctx.report({
            at: node,
            message: `runner image ${label} was retired by GitHub in ${retired.retired}; jobs that ask for it never start`,
            fix: `Use ${retired.replacement}.`,
          });
        });
      }
    }
  },
};

export default rule;
