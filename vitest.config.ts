import { defineConfig } from 'vitest/config';
import EnginesFirst from './test/support/engines-first.js';

export default defineConfig({
  test: {
    // ink checks CI when it loads and then draws only at exit; screen tests render to fake terminals and need frames.
    // CONTAINERLINGS_LANG: the tests compare English words, whatever this machine's locale.
    env: { CI: 'false', CONTINUOUS_INTEGRATION: 'false', CONTAINERLINGS_LANG: 'en' },
    sequence: { sequencer: EnginesFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/ui/**/*.test.tsx'],
          sequence: { groupOrder: 0 },
        },
      },
      // Integration and terminal tests, after the unit tests. The files on this machine's engine take turns (a lock
      // held from each file's first hook to its last: test/support/main-engine.ts); the Podman and remote-engine
      // files start first and run beside them, each on its own engine: three workers.
      {
        extends: true,
        test: {
          name: 'docker',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          setupFiles: ['test/support/hold-main-engine.ts'],
          sequence: { groupOrder: 1 },
          maxWorkers: 3,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
