// vitest sequencer for the integration and terminal tests: the files for the other engines (Podman, the remote
// dockerd) start first, so that they run beside the main engine's files (which take turns, main-engine.ts)
// rather than after them. The rest keep vitest's own order.
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { OTHER_ENGINE_FILES } from './main-engine.js';

export default class EnginesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const other = (f: TestSpecification) => OTHER_ENGINE_FILES.test(f.moduleId);
    return [...sorted.filter(other), ...sorted.filter((f) => !other(f))];
  }
}
