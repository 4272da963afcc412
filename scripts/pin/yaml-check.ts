/** What `--check` and the linter report about the `uses:` sites of a YAML file. */
import type { Diagnostic } from '../core/diagnostics.ts';
import { RATCHET_EXCLUDE } from './yaml-ratchet-comment.ts';
import type { UsesSite } from './yaml-refs.ts';

/**
 * One diagnostic per site that is not pinned to a full commit SHA and not legitimately skipped:
 * unpinned refs and unusable values are errors, `ratchet:exclude` is a warning (with the reason
 * written next to it, if any). Local actions, `docker://` images and expressions are not reported.
 */
export function pinDiagnostics(sites: readonly UsesSite[], file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const site of sites) {
    const at = { file, line: site.line, col: site.col, path: site.path };
    switch (site.skip) {
      case 'invalid':
      case 'mismatch':
        out.push({
          ...at,
          severity: 'error',
          message: site.problem ?? `uses: ${site.raw} cannot be pinned`,
          rule: site.skip === 'invalid' ? 'uses-invalid' : 'ratchet-mismatch',
          fix:
            site.skip === 'invalid'
              ? 'Write owner/repo[/path]@ref on one line.'
              : 'Make the ratchet: comment name the same action as the value.',
        });
        break;
      case 'excluded': {
        const reason = (site.comment ?? '').replace(RATCHET_EXCLUDE, '').trim();
        out.push({
          ...at,
          severity: 'warning',
          message: `${site.raw} is left unpinned (ratchet:exclude)${reason ? `: ${reason}` : ', with no reason given'}`,
          rule: 'pin-excluded',
        });
        break;
      }
      case undefined:
        if (!site.pinnedSha) {
          out.push({
            ...at,
            severity: 'error',
            message: `${site.raw} is not pinned to a commit SHA`,
            rule: 'unpinned',
            fix: `Run \`pnpm pin ${file}\`, or add "# ratchet:exclude" with a reason.`,
          });
        }
        break;
      default:
        break;
    }
  }
  return out;
}
