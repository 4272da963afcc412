import * as prettier from 'prettier';
import { loadRepo } from '../fake-github/data.ts';

export const PRETTIER = {
  parser: 'typescript',
  printWidth: 100,
  singleQuote: true,
  trailingComma: 'all',
} as const;

/** The commit a recorded repository's tag or branch points to, straight from the fixture data. */
export function recordedSha(fullName: string, name: string): string {
  const data = loadRepo(fullName);
  if (!data) throw new Error(`no recorded data for ${fullName}`);
  const hit = data.tags.find((t) => t.name === name) ?? data.branches.find((b) => b.name === name);
  if (!hit) throw new Error(`${fullName} has no recorded tag or branch ${name}`);
  return hit.commit;
}

/** Recorded metadata text of an action at a commit (`path` e.g. `upload-sarif/action.yml`). */
export function recordedFile(fullName: string, sha: string, path = 'action.yml'): string {
  const text = loadRepo(fullName)?.action_files[sha]?.[path];
  if (text === undefined) throw new Error(`no recorded ${path} for ${fullName}@${sha}`);
  return text;
}

/** Lines prettier would change, as `-`/`+` pairs; empty when the text is prettier-clean. */
export async function prettierDiff(text: string): Promise<string[]> {
  const formatted = await prettier.format(text, PRETTIER);
  const a = text.split('\n');
  const b = formatted.split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && out.length < 6; i++) {
    if (a[i] !== b[i]) out.push(`line ${i + 1}:`, `- ${a[i] ?? ''}`, `+ ${b[i] ?? ''}`);
  }
  return out;
}
