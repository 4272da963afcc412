/** Where in a TypeScript source a value was defined, for error messages and annotations. */
export interface Origin {
  file: string;
  line: number;
  col: number;
}

const SELF = /[\\/]scripts[\\/]dsl[\\/]/;

/**
 * The first stack frame outside this DSL: the source line that called `job()`/`step()`.
 * tsx installs source maps, so the line is the TypeScript line.
 */
export function captureOrigin(): Origin | undefined {
  const stack = new Error().stack?.split('\n').slice(1) ?? [];
  for (const frame of stack) {
    const m = /\(?((?:file:\/\/)?[^()\s]+):(\d+):(\d+)\)?$/.exec(frame.trim());
    if (!m || SELF.test(m[1]!) || m[1]!.startsWith('node:')) continue;
    return { file: m[1]!.replace(/^file:\/\//, ''), line: Number(m[2]), col: Number(m[3]) };
  }
  return undefined;
}
