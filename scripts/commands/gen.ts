import { parseArgs } from 'node:util';
import pc from 'picocolors';
import type { Command, CommandIO } from '../core/command.ts';
import { renderDiagnostics, summarize } from '../core/diagnostics.ts';
import { generate, renderChanges, type GenerateResult } from '../compile/generate.ts';

const help = `Usage: pnpm gen [--check] [--watch]

Compiles workflows-src/ into .github/ (workflows, dependabot.yml, issue forms). Pins come from
generated/actions.lock.json; gen never uses the network (run \`pnpm pin\` for new actions).
Nothing is written unless every source compiles cleanly, and then all files change together.

Options:
  --check    write nothing; exit 1 and print a diff when .github/ is not what the sources generate
  --watch    regenerate whenever a source or the lock changes
  --debug    show stack traces for internal errors
  -h, --help show this help`;

function colorDiff(text: string, color: boolean): string {
  if (!color) return text;
  return text
    .split('\n')
    .map((l) =>
      l.startsWith('+++') || l.startsWith('---')
        ? pc.bold(l)
        : l.startsWith('+')
          ? pc.green(l)
          : l.startsWith('-')
            ? pc.red(l)
            : l.startsWith('@@')
              ? pc.cyan(l)
              : l,
    )
    .join('\n');
}

/** Prints diagnostics and the outcome; returns the exit code. */
async function report(result: GenerateResult, check: boolean, io: CommandIO): Promise<number> {
  if (result.diagnostics.length) {
    io.stderr(renderDiagnostics(result.diagnostics, { color: io.isTTY, env: io.env }));
  }
  if (!result.ok) {
    io.stderr(`gen: ${summarize(result.diagnostics)}; nothing was written`);
    return 1;
  }
  if (check) {
    if (!result.changes.length) {
      io.stdout(`gen --check: ${result.files.length} files up to date`);
      return 0;
    }
    io.stdout(colorDiff(await renderChanges(result.changes), io.isTTY));
    io.stderr(
      `gen --check: ${result.changes.length} file(s) out of date: ${result.changes.map((c) => `${c.path} (${c.action === 'delete' ? 'extra' : c.action === 'create' ? 'missing' : 'stale'})`).join(', ')}\nRun \`pnpm gen\` and commit the result.`,
    );
    return 1;
  }
  const verb = { create: 'created', update: 'updated', delete: 'deleted' } as const;
  for (const c of result.changes) io.stdout(`${verb[c.action]} ${c.path}`);
  io.stdout(`gen: ${result.files.length} files, ${result.changes.length} changed`);
  return 0;
}

const gen: Command = {
  summary: 'compile workflows-src/ into .github/',
  help,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: { check: { type: 'boolean' }, watch: { type: 'boolean' } },
      strict: true,
    });
    if (values.watch) {
      const { watch } = await import('../compile/watch.ts');
      return watch(io);
    }
    const result = await generate({ cwd: io.cwd, check: Boolean(values.check) });
    return report(result, Boolean(values.check), io);
  },
};
export default gen;
