/**
 * Standalone fake GitHub API over the recorded snapshot:
 *   tsx test/fake-github/serve.ts [--port N] [--latency MS]
 * then e.g. `GITHUB_API_URL=<printed url> pnpm pin`.
 */
import { FakeGitHub } from './server.ts';

function flag(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) {
    process.stderr.write(`error: ${name} needs a non-negative integer\n`);
    process.exit(2);
  }
  return v;
}

const fake = await FakeGitHub.start({ port: flag('--port'), latencyMs: flag('--latency') });
process.stdout.write(`${fake.url}\n`);
process.stderr.write(`fake GitHub API serving test/fixtures/github; Ctrl-C to stop\n`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
