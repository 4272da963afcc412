import type { CommandIO } from '../../scripts/core/command.ts';

/** A command's IO that records what it prints, as a non-terminal would see it. */
export function captureIO(cwd: string, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = {
    cwd,
    env,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    isTTY: false,
    debug: false,
  };
  return { io, out, err, text: () => [...out, ...err].join('\n') };
}
