import type { ActionBinding } from '../dsl/action.ts';
import type { ActionMetadata } from './metadata.ts';

/** The runtime binding a generated module will export, built from metadata not yet written. */
export function bindingFromMetadata(
  key: string,
  sha: string,
  meta: ActionMetadata,
): ActionBinding<object, string> {
  return {
    kind: 'action',
    uses: key,
    sha,
    ...(meta.runsUsing ? { runsUsing: meta.runsUsing } : {}),
    inputs: meta.inputs,
    outputs: Object.keys(meta.outputs),
  };
}
