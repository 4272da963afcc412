import { actionName, type ActionRef } from '../lock/lock.ts';
import type { GitHubApi } from '../pin/github.ts';
import { parseActionMetadata, type ActionMetadata } from './metadata.ts';

/** Reads one action's metadata at a commit; undefined when it has neither action.yml nor .yaml. */
export type MetadataFetcher = (
  key: string,
  ref: ActionRef,
  sha: string,
) => Promise<ActionMetadata | undefined>;

const FILE_NAMES = ['action.yml', 'action.yaml'] as const;

/**
 * Fetches `action.yml`, else `action.yaml`, of an action at a pinned commit through the contents
 * API. For a sub-path action (`github/codeql-action/upload-sarif`) that is the file in its folder.
 * Undefined when neither exists ("no metadata": the source must use `untyped(...)`).
 */
export async function fetchActionMetadata(
  api: GitHubApi,
  ref: Pick<ActionRef, 'owner' | 'repo' | 'path'>,
  sha: string,
): Promise<ActionMetadata | undefined> {
  const dir = ref.path ? `${ref.path.replace(/\/+$/, '')}/` : '';
  for (const file of FILE_NAMES) {
    const found = await api.getFile(ref.owner, ref.repo, `${dir}${file}`, sha);
    if (found) return parseActionMetadata(found.text, { action: actionName(ref), sha, file });
  }
  return undefined;
}

/** The fetcher `planBindings` takes, reading through a GitHub client. */
export function metadataFetcher(api: GitHubApi): MetadataFetcher {
  return (_key, ref, sha) => fetchActionMetadata(api, ref, sha);
}
