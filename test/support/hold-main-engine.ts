// vitest setup file for the integration and terminal tests: a file on the main engine waits for it and holds it
// from its first hook to its last (see main-engine.ts).
import { afterAll, beforeAll } from 'vitest';
import { holdMainEngine, OTHER_ENGINE_FILES } from './main-engine.js';

let release: (() => void) | undefined;

// The wait has no useful bound: it lasts as long as the file before it (the whole-course self-test, say).
// vitest 4 hands a hook its fixtures first and the suite second; at the top of a file the suite is the file.
// eslint-disable-next-line no-empty-pattern -- vitest reads the pattern to know which fixtures the hook wants: none.
beforeAll(async ({}, file) => {
  if (!OTHER_ENGINE_FILES.test((file as { filepath?: string }).filepath ?? '')) release = await holdMainEngine();
}, 3 * 3_600_000);

afterAll(() => {
  release?.();
  release = undefined;
});
