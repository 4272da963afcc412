/** A single self-overwriting status line on a terminal's stderr; silent otherwise. */
export interface Progress {
  update(done: number, total: number, label: string): void;
  done(): void;
}

export function createProgress(
  enabled: boolean,
  write = (t: string) => process.stderr.write(t),
): Progress {
  let shown = false;
  return {
    update(done, total, label) {
      if (!enabled) return;
      const width = Math.max(20, (process.stderr.columns ?? 80) - 1);
      write(`\r\x1b[K${`[${done}/${total}] ${label}`.slice(0, width)}`);
      shown = true;
    },
    done() {
      if (enabled && shown) write('\r\x1b[K');
      shown = false;
    },
  };
}
