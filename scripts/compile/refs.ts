import { UserError } from '../core/diagnostics.ts';
import { parseActionRef } from '../lock/lock.ts';
import type { UsedRef } from '../pin/types.ts';
import { loadSources } from './load.ts';
import { workflowModel } from './model.ts';
import { discoverSources } from './sources.ts';
import type { Workflow } from '../dsl/workflow.ts';

export type { UsedRef };

/**
 * Every remote action the sources use, with where each use is written. No lock needed. Throws a
 * `UserError` carrying the diagnostics when a source cannot be evaluated.
 */
export async function collectUsedRefs(cwd: string): Promise<UsedRef[]> {
  const sources = await discoverSources(cwd);
  const { loaded, diagnostics } = await loadSources(cwd, sources);
  if (diagnostics.length) throw new UserError('workflows-src/ could not be evaluated', diagnostics);
  const workflowPaths = new Map<Workflow, string>();
  for (const l of loaded) if (l.value.kind === 'workflow') workflowPaths.set(l.value, l.output);
  const refs: UsedRef[] = [];
  for (const l of loaded) {
    if (l.value.kind !== 'workflow') continue;
    const model = workflowModel(l.value, l.source, l.output, { workflowPaths });
    for (const site of model.uses) {
      const ref = parseActionRef(site.binding.uses);
      if (!ref) continue;
      const line = site.origin?.file.replace(/\\/g, '/').endsWith(`/${l.source}`)
        ? site.origin.line
        : undefined;
      refs.push({
        ref,
        file: l.source,
        path: site.path,
        ...(line ? { line } : {}),
        ...(site.binding.excludeReason ? { excluded: site.binding.excludeReason } : {}),
        ...(site.binding.untypedReason ? { untyped: site.binding.untypedReason } : {}),
      });
    }
  }
  return refs;
}
