import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { writeFilesAtomically } from '../core/atomic-write.ts';
import type { Command } from '../core/command.ts';
import { UserError, renderDiagnostics, summarize } from '../core/diagnostics.ts';
import { lintFiles } from '../lint/engine.ts';
import { FORMATS, toJson, toSarif, type OutputFormat } from '../lint/output.ts';
import { RULES } from '../lint/rules/index.ts';

const DEFAULT_PATH = '.github/workflows';

const help = `Usage: pnpm lint [options] [PATH...]

Checks GitHub Actions workflows for security and correctness problems. PATH is a workflow
file or a directory of them (its *.yml/*.yaml files); default: ${DEFAULT_PATH}.

Options:
  --format text|json|sarif   output format (default: text; sarif is for GitHub code scanning)
  --output FILE              write the report to FILE instead of stdout
  --help                     show this help

Rules:
${RULES.map((r) => `  ${r.id.padEnd(22)} ${r.summary}`).join('\n')}

Suppress one finding with a comment directly above the YAML node it covers (a job, a step's
"- " line, permissions:, …), or above the file's first key for the whole file:
  # lint-allow <rule-id>: <reason>
The reason is required, and a suppression that matches nothing is itself a finding.

Exit status: 1 when any error-level finding remains, 0 otherwise. See docs/lint.md.`;

interface Options {
  format: OutputFormat;
  output?: string;
  paths: string[];
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { format: 'text', paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UserError(`${flag} needs a value (see pnpm lint --help)`);
      return v;
    };
    if (flag === '--format') {
      const f = value();
      if (!FORMATS.includes(f as OutputFormat))
        throw new UserError(`--format must be one of ${FORMATS.join(', ')}, not "${f}"`);
      opts.format = f as OutputFormat;
    } else if (flag === '--output' || flag === '-o') {
      opts.output = value();
    } else if (arg.startsWith('-')) {
      throw new UserError(`unknown option ${arg} (see pnpm lint --help)`);
    } else {
      opts.paths.push(arg);
    }
  }
  return opts;
}

const command: Command = {
  summary: 'check workflows for security and correctness problems',
  help,
  async run(argv, io) {
    const opts = parseArgs(argv);
    const paths = opts.paths.length ? opts.paths : [DEFAULT_PATH];
    if (!opts.paths.length && !existsSync(resolve(io.cwd, DEFAULT_PATH)))
      throw new UserError(
        `no ${DEFAULT_PATH} directory in ${io.cwd}: run \`pnpm gen\` first, or pass the workflow files or directory to lint`,
      );
    const { files, diagnostics } = await lintFiles(paths, io.cwd);
    if (!files.length)
      throw new UserError(`no *.yml or *.yaml workflow files in ${paths.join(', ')}`);

    let report: string;
    if (opts.format === 'json') report = toJson(files, diagnostics);
    else if (opts.format === 'sarif') report = toSarif(diagnostics, RULES);
    else {
      const head = diagnostics.length
        ? `${renderDiagnostics(diagnostics, { color: io.isTTY && !opts.output, env: io.env })}\n`
        : '';
      const n = `${files.length} workflow file${files.length === 1 ? '' : 's'}`;
      report = `${head}${n} checked: ${diagnostics.length ? summarize(diagnostics) : 'no findings'}\n`;
    }
    if (opts.output) {
      const out = isAbsolute(opts.output) ? opts.output : resolve(io.cwd, opts.output);
      await writeFilesAtomically([{ path: out, content: report }]);
      io.stderr(`wrote ${opts.output}: ${summarize(diagnostics)}`);
    } else {
      io.stdout(report);
    }
    return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  },
};

export default command;
