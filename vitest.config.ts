import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // ink checks CI when it loads and then draws only at exit; screen tests render to fake terminals and need frames.
    // CONTAINERLINGS_LANG: the tests compare English words, whatever this machine's locale.
    env: { CI: 'false', CONTINUOUS_INTEGRATION: 'false', CONTAINERLINGS_LANG: 'en' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/ui/**/*.test.tsx'] } },
      // Integration and terminal tests share one real Docker engine: run their files one at a time.
      {
        extends: true,
        test: {
          name: 'docker',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
