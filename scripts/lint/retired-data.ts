import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Why a version no longer works: its Node runtime, or the shut-down v1–v3 artifact service. */
export type RetiredCode = 'node12' | 'node16' | 'artifacts-v3';

export interface RetiredAction {
  /** Newest major that still works, e.g. `{ ref: 'v6', runtime: 'node24' }`. */
  replacement?: { ref: string; runtime: string };
  /** Retired tags (for unpinned or ratchet-commented refs). */
  tags: Record<string, RetiredCode>;
  /** Retired commits (for pinned refs). */
  shas: Record<string, RetiredCode>;
}

export interface RetiredActions {
  $comment: string;
  /** Keyed by lower-case `owner/repo[/path]`. */
  actions: Record<string, RetiredAction>;
}

let loaded: RetiredActions | undefined;

/** The committed table built by `data/build-retired-actions.ts` from recorded action metadata. */
export function retiredActions(): RetiredActions {
  loaded ??= JSON.parse(
    readFileSync(fileURLToPath(new URL('./data/retired-actions.json', import.meta.url)), 'utf8'),
  ) as RetiredActions;
  return loaded;
}

/** GitHub-hosted runner images that GitHub has retired: jobs asking for them never start. */
export const RETIRED_RUNNERS: Record<string, { retired: string; replacement: string }> = {
  'ubuntu-16.04': { retired: 'September 2021', replacement: 'ubuntu-24.04' },
  'ubuntu-18.04': { retired: 'April 2023', replacement: 'ubuntu-24.04' },
  'ubuntu-20.04': { retired: 'April 2025', replacement: 'ubuntu-24.04' },
  'macos-10.15': { retired: 'August 2022', replacement: 'macos-15' },
  'macos-11': { retired: 'June 2024', replacement: 'macos-15' },
  'macos-12': { retired: 'December 2024', replacement: 'macos-15' },
  'macos-13': { retired: 'December 2025', replacement: 'macos-15 (or macos-15-intel for x86_64)' },
  'windows-2016': { retired: 'March 2022', replacement: 'windows-2025' },
  'windows-2019': { retired: 'June 2025', replacement: 'windows-2025' },
};
