// Entry point of the pre-commit hook (plain JavaScript: it runs before any TypeScript loader).
// Fails when .github/ is not what workflows-src/ generates, or when the pin lock is stale.
// It works without node_modules in the checkout and without network, as on pre-commit.ci.
import { register } from 'node:module';

register('./resolve-hook.mjs', import.meta.url);
const { register: registerTsx } = await import('tsx/esm/api');
registerTsx();

const { processIO } = await import('../core/command.ts');
const { renderDiagnostics, UserError } = await import('../core/diagnostics.ts');
const io = processIO(false);
let failed = false;
for (const [name, args] of [
  ['gen', ['--check']],
  ['pin', ['--check']],
]) {
  const command = (await import(`../commands/${name}.ts`)).default;
  try {
    const code = await command.run(args, io);
    failed ||= code !== 0;
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    if (err.diagnostics.length) io.stderr(renderDiagnostics(err.diagnostics));
    io.stderr(`error: ${err.message}`);
    failed = true;
  }
}
if (failed) {
  io.stderr(
    '\nThe generated files are out of date. Run `pnpm gen` (and `pnpm pin` for new actions), then commit the result.',
  );
  process.exitCode = 1;
}
