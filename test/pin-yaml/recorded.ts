/** A `resolve` callback backed by recorded tag and branch tips (no server: pure text tests). */
import { readFileSync } from 'node:fs';
import type { ResolveSha } from '../../scripts/pin/yaml-rewrite.ts';

interface Recorded {
  refs: Record<string, { tags: Record<string, string>; branches: Record<string, string> }>;
}

const recorded = JSON.parse(
  readFileSync(new URL('./recorded-refs.json', import.meta.url), 'utf8'),
) as Recorded;

/** The commit `owner/repo@ref` points to in the recording (a tag wins over a branch). */
export function recordedSha(ownerRepo: string, ref: string): string | undefined {
  const repo = recorded.refs[ownerRepo];
  return repo?.tags[ref] ?? repo?.branches[ref];
}

/** Resolves `site.wanted` from the recording and remembers what it was asked. */
export function recordedResolver(): ResolveSha & { asked: string[] } {
  const asked: string[] = [];
  const resolve = (site: Parameters<ResolveSha>[0]) => {
    const { owner, repo, path, constraint } = site.wanted;
    asked.push(`${owner}/${repo}${path ? `/${path}` : ''}@${constraint}`);
    return recordedSha(`${owner}/${repo}`, constraint);
  };
  return Object.assign(resolve, { asked });
}
