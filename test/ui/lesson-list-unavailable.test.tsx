// A lesson the machine cannot do (no Kubernetes cluster) stays in the list, dimmed, with the reason instead of progress.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, expect, it } from 'vitest';
import { LessonList } from '../../src/ui/lesson-list/lesson-list.js';
import type { LessonView } from '../../src/ui/model.js';

afterEach(cleanup);

const lesson = (id: string, unavailable?: string): LessonView => ({
  id,
  title: id,
  objectives: ['x'],
  steps: [],
  exercises: [{ id: `${id}-1`, title: 'one', status: 'todo' }],
  ...(unavailable ? { unavailable } : {}),
});

it('shows an unavailable lesson with its reason instead of its progress', () => {
  const ui = render(
    <LessonList
      lessons={[lesson('swarm'), lesson('kubernetes', 'no cluster: kubectl has no current context')]}
      selected={0}
    />,
  );
  const frame = ui.lastFrame() ?? '';
  expect(frame).toContain('1. swarm');
  expect(frame).toMatch(/1\. swarm\s+0\/1 exercises passed/);
  expect(frame).toMatch(/2\. kubernetes\s+unavailable: no cluster: kubectl has no current context/);
  expect(frame).not.toMatch(/2\. kubernetes\s+0\/1/);
});
