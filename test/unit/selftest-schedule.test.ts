// Which exercises may self-test at the same time: only those whose declared resources do not overlap.
import { describe, expect, it } from 'vitest';
import { claims, overlaps, startOrder } from '../../src/authoring/selftest-schedule.js';
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

describe('the start order', () => {
  const withWrong = (e: Exercise, n: number) =>
    ({ ...e, wrong: Array.from({ length: n }, (_, i) => ({ name: `w${i}`, dir: `wrong/w${i}` })) }) as Exercise;
  it('starts the longest chain of exercises that cannot overlap first, then the rest by attempts, course order on ties', () => {
    const exercises = [
      withWrong(exercise('solo-small', 'images', { images: ['containerlings/a'] }), 1),
      withWrong(exercise('solo-big', 'images', { images: ['containerlings/b'] }), 5),
      withWrong(exercise('swarm-1', 'swarm', {}), 3),
      withWrong(exercise('reg-1', 'registries', {}), 2),
      withWrong(exercise('swarm-2', 'swarm', {}), 3),
      withWrong(exercise('reg-2', 'registries', {}), 2),
      withWrong(exercise('reg-3', 'registries', {}), 2),
    ];
    // registry chain: 3 x 4 = 12 attempts; swarm chain: 2 x 5 = 10; solo-big 7; solo-small 3.
    expect(startOrder(course, exercises).map((e) => e.id)).toEqual([
      'reg-1',
      'reg-2',
      'reg-3',
      'swarm-1',
      'swarm-2',
      'solo-big',
      'solo-small',
    ]);
  });
});
