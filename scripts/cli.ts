import { processIO, type Command } from './core/command.ts';
import { UserError, renderDiagnostics } from './core/diagnostics.ts';

/** Subcommands are loaded lazily so that `gen` does not pay for octokit or the linter. */
const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  gen: () => import('./commands/gen.ts'),
  pin: () => import('./commands/pin.ts'),
  lint: () => import('./commands/lint.ts'),
  wf: () => import('./commands/wf.ts'),
};

const USAGE = `Usage: tsx scripts/cli.ts <command> [options]   (or: pnpm <command>)

Commands:
  gen    compile workflows-src/ into .github/ (offline)
  pin    resolve every action to a commit SHA and write generated/actions.lock.json
  lint   check workflows for security and correctness problems
  wf     workflow utilities (wf diff: what a reviewer must notice)

Run \`pnpm <command> --help\` for a command's options. --debug shows stack traces.`;

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const io = processIO(debug);
  const name = args[0];
  if (!name || name === '--help' || name === '-h') {
    io.stdout(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`error: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  const cmd = (await load()).default;
  const rest = args.slice(1);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(cmd.help);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`error: ${(err as Error).message}\nRun \`pnpm ${name} --help\` for the options.`);
      return 2;
    }
    if (err instanceof UserError) {
      if (err.diagnostics.length)
        io.stderr(renderDiagnostics(err.diagnostics, { color: io.isTTY }));
      io.stderr(`error: ${err.message}`);
      if (debug) io.stderr(err.stack ?? '');
      return 1;
    }
    io.stderr(
      debug
        ? String((err as Error).stack ?? err)
        : `internal error: ${(err as Error).message} (rerun with --debug for details)`,
    );
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
