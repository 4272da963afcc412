import type { Diagnostic } from '../core/diagnostics.ts';
import { actionName, type Lock } from '../lock/lock.ts';
import { GitHubError } from './github.ts';
import type { RepoFacts } from './reachability.ts';
import type { UsedRef } from './types.ts';
import { findUpgrade, type Upgrade } from './versions.ts';

export interface OutdatedEntry extends Upgrade {
  /** `owner/repo[/path]`. */
  action: string;
  current: string;
  /** Where to change it: every source use. */
  uses: { file: string; line?: number; path: string }[];
}

export interface OutdatedReport {
  outdated: OutdatedEntry[];
  diagnostics: Diagnostic[];
}

/**
 * Lists version constraints with a newer tag of the same precision. Branch and SHA constraints
 * have no "newer"; one tag listing per repository.
 */
export async function findOutdated(
  refs: readonly UsedRef[],
  lock: Lock,
  facts: RepoFacts,
): Promise<OutdatedReport> {
  const groups = new Map<string, UsedRef[]>();
  for (const u of refs) {
    if (u.excluded !== undefined) continue;
    const key = `${actionName(u.ref)}@${u.ref.constraint}`;
    if (lock.actions[key] && lock.actions[key].kind !== 'tag') continue;
    groups.set(key, [...(groups.get(key) ?? []), u]);
  }
  const outdated: OutdatedEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  await Promise.all(
    [...groups.values()].map(async (uses) => {
      const { ref } = uses[0]!;
      let names: string[];
      try {
        names = (await facts.tags(ref.owner, ref.repo)).map((t) => t.name);
      } catch (e) {
        if (!(e instanceof GitHubError)) throw e;
        diagnostics.push({
          severity: 'error',
          file: uses[0]!.file,
          message: e.message,
          rule: 'pin',
        });
        return;
      }
      const up = findUpgrade(ref.constraint, names);
      if (!up) return;
      outdated.push({
        action: actionName(ref),
        current: ref.constraint,
        ...up,
        uses: uses.map((u) => ({
          file: u.file,
          ...(u.line ? { line: u.line } : {}),
          path: u.path,
        })),
      });
    }),
  );
  outdated.sort((a, b) => (a.action + a.current).localeCompare(b.action + b.current));
  return { outdated, diagnostics };
}
