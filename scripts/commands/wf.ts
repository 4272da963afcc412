import type { Command, CommandIO } from '../core/command.ts';
import { DEFAULT_BASE, GitRefError } from '../review/git-workflows.ts';
import {
  REVIEW_FORMATS,
  renderReview,
  reviewWorkingTree,
  type ReviewFormat,
} from '../review/review-diff.ts';

const HELP = `Usage: pnpm wf diff [BASE] [--format text|markdown|json] [--color|--no-color]

Workflow utilities.

  wf diff [BASE]   What a reviewer must notice in .github/workflows/*.yml between BASE and the
                   working tree (not a text diff): triggers added/removed/changed (branches,
                   tags, paths, types, cron, inputs), permissions widened or narrowed (workflow
                   and job level; a missing block means the repository's default token), jobs
                   added/removed/renamed (their names are status checks), runners changed,
                   actions added/removed, pins moved (constraint and SHA), secrets newly
                   referenced, workflows added/removed. ⚠ marks security-relevant items.

Arguments:
  BASE             any git ref or SHA to compare with (default: ${DEFAULT_BASE}; when it does not
                   exist, main, then HEAD, with a note on stderr). Read from git objects: nothing
                   is checked out.

Options:
  --format F       text (default; grouped per workflow file), markdown (for a pull-request
                   comment), json (stable structure for tools, see docs/review-diff.md)
  --color          colour the text even when stdout is not a terminal (--no-color: never)
  --help           this help

Exit status: 0 when the comparison ran (with or without changes; "No reviewer-relevant changes
in .github/workflows" when there are none), 2 for a bad BASE or bad usage.

Examples:
  pnpm wf diff                       # against origin/main
  pnpm wf diff HEAD~3
  pnpm wf diff origin/main --format markdown | gh pr comment 123 --body-file -`;

interface DiffArgs {
  base?: string;
  format: ReviewFormat;
  color?: boolean;
}

class UsageError extends Error {}

function parseDiffArgs(argv: string[]): DiffArgs {
  const args: DiffArgs = { format: 'text' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let format: string | undefined;
    if (arg === '--format') {
      format = argv[++i];
      if (format === undefined)
        throw new UsageError('--format needs a value: text, markdown or json');
    } else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg === '--color') args.color = true;
    else if (arg === '--no-color') args.color = false;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (args.base === undefined) args.base = arg;
    else throw new UsageError(`unexpected argument "${arg}" (only one BASE)`);
    if (format !== undefined) {
      if (!(REVIEW_FORMATS as readonly string[]).includes(format))
        throw new UsageError(`unknown format "${format}": use ${REVIEW_FORMATS.join(', ')}`);
      args.format = format as ReviewFormat;
    }
  }
  return args;
}

async function diff(argv: string[], io: CommandIO): Promise<number> {
  const args = parseDiffArgs(argv);
  let result;
  try {
    result = await reviewWorkingTree(io.cwd, args.base);
  } catch (e) {
    if (!(e instanceof GitRefError)) throw e;
    io.stderr(`error: wf diff: ${e.message}`);
    return 2;
  }
  if (result.base.note) io.stderr(`note: ${result.base.note}`);
  const color = args.color ?? io.isTTY;
  io.stdout(renderReview(result.report, result.base, args.format, color));
  return 0;
}

const wf: Command = {
  summary: 'workflow utilities (wf diff: what a reviewer must notice)',
  help: HELP,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    try {
      if (sub === 'diff') return await diff(rest, io);
      throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'missing subcommand');
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      io.stderr(`error: wf: ${e.message}\n\n${HELP}`);
      return 2;
    }
  },
};

export default wf;
