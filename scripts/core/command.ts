/** What a subcommand module (`scripts/commands/<name>.ts`) exports. */
export interface Command {
  /** One line, shown by `--help` of the CLI itself. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  /** Runs the command; resolves to the process exit code. Throw `UserError` for bad input. */
  run(argv: string[], io: CommandIO): Promise<number>;
}

export interface CommandIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal (progress lines, colour). */
  isTTY: boolean;
  debug: boolean;
}

export function processIO(debug: boolean): CommandIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    isTTY: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    debug,
  };
}
