/**
 * `pnpm bench`: prints figures, asserts nothing. Each part is measured in this one run on this
 * machine, so compare figures of the same run, not across machines.
 */
const parts: [string, () => Promise<string[]>][] = [
  ['gen', async () => (await import('./gen.ts')).benchGen()],
  ['pin', async () => (await import('./pin.ts')).benchPin()],
  ['lint', async () => (await import('./lint.ts')).benchLint()],
];

const only = process.argv.slice(2);
for (const [name, run] of parts) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n== ${name}`);
  try {
    for (const line of await run()) console.log(`  ${line}`);
  } catch (e) {
    console.log(`  failed: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
