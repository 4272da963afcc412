import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const HEADER = /^# Code generated from (\S+) by pnpm gen\. DO NOT EDIT\.$/m;

export function headerLines(source: string): string[] {
  return [
    `Code generated from ${source} by pnpm gen. DO NOT EDIT.`,
    `To change it, edit ${source} and run \`pnpm gen\`.`,
  ];
}

/** The source a generated file names in its header, or undefined for a hand-written file. */
export function ownerOf(text: string): string | undefined {
  const firstLines = text.split('\n', 3).join('\n');
  return HEADER.exec(firstLines)?.[1];
}

/** Every YAML file under `.github/` with its text (owned or not). */
export async function existingYaml(cwd: string): Promise<Map<string, string>> {
  const root = join(cwd, '.github');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = new Map<string, string>();
  await Promise.all(
    entries
      .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
      .map(async (e) => {
        const abs = join(e.parentPath, e.name);
        files.set(relative(cwd, abs).split(sep).join('/'), await readFile(abs, 'utf8'));
      }),
  );
  return files;
}
