import type { ActionRef } from '../lock/lock.ts';

/** One `uses:` of a remote action in a workflow source (provided by the compiler side). */
export interface UsedRef {
  ref: ActionRef;
  /** Source path, repository-relative. */
  file: string;
  /** Path inside the workflow, e.g. `jobs.build.steps[2].uses`. */
  path: string;
  line?: number;
  /** The written reason when the source marks this use `ratchet:exclude`. */
  excluded?: string;
  /** The written reason when the source uses the action through `untyped()` (no typed binding). */
  untyped?: string;
}
