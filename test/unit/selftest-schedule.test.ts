// Which exercises may self-test at the same time: only those whose declared resources do not overlap.
import { describe, expect, it } from 'vitest';
import { claims, overlaps } from '../../src/authoring/selftest-schedule.js';
import type { Exercise } from '../../src/lessons/course.js';

const exercise = (id: string, lesson: string, resources: Record<string, unknown>, ports: number[] = []) =>
  ({
    id,
    meta: {
      id,
      lesson,
      resources: { images: [], containers: [], networks: [], volumes: [], repositories: [], ...resources },
      ports,
    },
  }) as unknown as Exercise;
const course = {
  lessons: [
    { id: 'images', needs: ['docker'] },
    { id: 'swarm', needs: ['docker', 'swarm'] },
    { id: 'registries', needs: ['docker', 'registry'] },
  ],
} as never;

describe('self-test claims', () => {
  it('exercises with different names share nothing', () => {
    const a = claims(exercise('a', 'images', { images: ['containerlings/a'], containers: ['cl-a'] }), course);
    const b = claims(exercise('b', 'images', { images: ['containerlings/b'], containers: ['cl-b'] }), course);
    expect(overlaps(a, b)).toBe(false);
  });

  it('one declared name, host port, or engine-wide service in common makes them wait for each other', () => {
    const a = exercise('a', 'images', { images: ['containerlings/hello'] });
    expect(
      overlaps(claims(a, course), claims(exercise('b', 'images', { images: ['containerlings/hello'] }), course)),
    ).toBe(true);
    expect(
      overlaps(
        claims(exercise('c', 'images', {}, [8080]), course),
        claims(exercise('d', 'images', {}, [8080]), course),
      ),
    ).toBe(true);
    expect(
      overlaps(claims(exercise('e', 'swarm', {}), course), claims(exercise('f', 'images', { swarm: true }), course)),
    ).toBe(true);
    expect(
      overlaps(
        claims(exercise('g', 'registries', {}), course),
        claims(exercise('h', 'images', { repositories: ['cl-x'] }), course),
      ),
    ).toBe(true);
    expect(overlaps(claims(a, course), claims(exercise('i', 'swarm', {}), course))).toBe(false);
  });
});
