import type { Diagnostic } from '../../core/diagnostics.ts';
import type { ActionBinding } from '../../dsl/action.ts';
import type { FileModel } from '../model.ts';
import { at, didYouMean } from './report.ts';

/**
 * Bindings that `pnpm pin` is about to write (new, or moved to another commit), keyed by
 * `owner/repo[/path]@constraint`: checked in place of the modules the sources loaded, so that a
 * pin update is refused before anything is written when it removes an input a step uses.
 */
export type BindingOverrides = ReadonlyMap<string, ActionBinding<object, string>>;

/**
 * `with:` against the action's own action.yml (through its generated binding): unknown inputs —
 * also those a newer version removed — and missing required inputs are errors, deprecated inputs
 * warnings.
 */
export function checkActionInputs(model: FileModel, overrides?: BindingOverrides): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const site of model.uses) {
    const b = overrides?.get(site.binding.uses) ?? site.binding;
    if (b.untypedReason || b.uses.startsWith('./')) continue;
    const stepPath = site.path.replace(/\.uses$/, '');
    if (b.missingBinding) {
      out.push(
        at(
          model,
          site.path,
          `no typed binding for ${b.uses}: run \`pnpm pin\` to resolve it and generate one`,
          'action-inputs',
        ),
      );
      continue;
    }
    const step = getPath(model.data, site.segments.slice(0, -1)) as {
      with?: Record<string, unknown>;
    };
    const given = step.with ?? {};
    const known = Object.keys(b.inputs);
    for (const name of Object.keys(given)) {
      const meta = b.inputs[name];
      if (!meta) {
        out.push(
          at(
            model,
            `${stepPath}.with.${name}`,
            `${b.uses} has no input "${name}"${didYouMean(name, known)} (its action.yml at ${b.sha?.slice(0, 12) ?? 'the pinned commit'} declares: ${known.join(', ') || 'none'})`,
            'action-inputs',
          ),
        );
      } else if (meta.deprecationMessage) {
        out.push(
          at(
            model,
            `${stepPath}.with.${name}`,
            `input "${name}" of ${b.uses} is deprecated: ${meta.deprecationMessage}`,
            'action-inputs',
            'warning',
          ),
        );
      }
    }
    for (const [name, meta] of Object.entries(b.inputs)) {
      if (meta.required && meta.default === undefined && !(name in given)) {
        out.push(
          at(model, `${stepPath}.with`, `${b.uses} requires input "${name}"`, 'action-inputs'),
        );
      }
    }
  }
  return out;
}

function getPath(data: unknown, segments: readonly (string | number)[]): unknown {
  let cur = data;
  for (const s of segments) cur = (cur as Record<string | number, unknown> | undefined)?.[s];
  return cur;
}
