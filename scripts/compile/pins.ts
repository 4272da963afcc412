import type { Diagnostic } from '../core/diagnostics.ts';
import { LOCK_PATH, isFullSha, lockKey, parseActionRef, type Lock } from '../lock/lock.ts';
import { at } from './checks/report.ts';
import type { FileModel } from './model.ts';

export interface PinResult {
  /** Trailing comment per uses path (`ratchet:owner/repo@v4`). */
  comments: Map<string, string>;
  diagnostics: Diagnostic[];
}

/**
 * Rewrites every remote `uses:` of the model to `owner/repo[/path]@<sha>` from the lock (never the
 * network) and records the ratchet comment that keeps the human constraint.
 */
export function applyPins(model: FileModel, lock: Lock): PinResult {
  const comments = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const site of model.uses) {
    const uses = site.binding.uses;
    if (uses.startsWith('./')) continue;
    const ref = parseActionRef(uses);
    if (!ref) {
      diagnostics.push(
        at(model, site.path, `"${uses}" is not an action reference (owner/repo[/path]@ref)`, 'pin'),
      );
      continue;
    }
    const exclude = site.binding.excludeReason;
    if (exclude) {
      comments.set(site.path, `ratchet:exclude reason: ${exclude.replace(/\s+/g, ' ')}`);
      continue;
    }
    const entry = lock.actions[lockKey(ref)];
    if (!entry) {
      diagnostics.push(
        at(
          model,
          site.path,
          `${uses} is not in ${LOCK_PATH}: run \`pnpm pin\` to resolve it (gen never uses the network)`,
          'pin',
        ),
      );
      continue;
    }
    const name = uses.slice(0, uses.lastIndexOf('@'));
    setPath(model.data, site.segments, `${name}@${entry.sha}`);
    if (!isFullSha(ref.constraint)) comments.set(site.path, `ratchet:${uses}`);
  }
  return { comments, diagnostics };
}

function setPath(
  data: Record<string, unknown>,
  segments: readonly (string | number)[],
  value: unknown,
): void {
  let cur: Record<string | number, unknown> = data;
  for (const s of segments.slice(0, -1)) cur = cur[s] as Record<string | number, unknown>;
  cur[segments[segments.length - 1]!] = value;
}
