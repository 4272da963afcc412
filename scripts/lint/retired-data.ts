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

/** The committed file: per action, each retired commit as `"<code> <tag> <tag>…"`. */
export interface RetiredFile {
  $comment: string;
  /** Keyed by lower-case `owner/repo[/path]`. */
  actions: Record<string, RetiredEntry | { sameAs: string }>;
}

export interface RetiredEntry {
  replacement?: { ref: string; runtime: string };
  retired: Record<string, string>;
}

export function decodeRetired(file: RetiredFile): Record<string, RetiredAction> {
  const out: Record<string, RetiredAction> = {};
  const decode = (e: RetiredEntry): RetiredAction => {
    const action: RetiredAction = {
      ...(e.replacement ? { replacement: e.replacement } : {}),
      tags: {},
      shas: {},
    };
    for (const [sha, line] of Object.entries(e.retired)) {
      const [code, ...tags] = line.split(' ') as [RetiredCode, ...string[]];
      action.shas[sha] = code;
      for (const t of tags) action.tags[t] = code;
    }
    return action;
  };
  for (const [name, e] of Object.entries(file.actions)) {
    const target = 'sameAs' in e ? file.actions[e.sameAs] : e;
    if (target && !('sameAs' in target)) out[name] = decode(target);
  }
  return out;
}

let loaded: Record<string, RetiredAction> | undefined;

/** Retired action versions, keyed by lower-case `owner/repo[/path]`, from the committed table built by `data/build-retired-actions.ts` out of recorded action metadata. */
export function retiredActions(): Record<string, RetiredAction> {
  loaded ??= decodeRetired(
    JSON.parse(
      readFileSync(fileURLToPath(new URL('./data/retired-actions.json', import.meta.url)), 'utf8'),
    ) as RetiredFile,
  );
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
