import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: keep parallelism modest so server-based tests don't starve.
    maxWorkers: 2,
    testTimeout: 20_000,
    // @actions/workflow-parser imports its schema JSON without an import attribute: let Vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
