import { describe, expect, it } from 'vitest';
import { parentOf, stepAlong } from '../../src/ui/navigation.js';
import { lessons } from './fake-actions.js';

describe('course navigation', () => {
  it('goes through the steps, then the exercises, then the next lesson', () => {
    expect(stepAlong(lessons, { screen: 'lesson', lessonId: 'images', step: 2 }, 1)).toEqual({
      screen: 'exercise',
      exerciseId: 'build-image',
    });
    expect(stepAlong(lessons, { screen: 'exercise', exerciseId: 'slim-image' }, 1)).toEqual({
      screen: 'lesson',
      lessonId: 'containers',
      step: 0,
    });
    expect(stepAlong(lessons, { screen: 'exercise', exerciseId: 'build-image' }, -1)).toEqual({
      screen: 'lesson',
      lessonId: 'images',
      step: 2,
    });
  });

  it('stops at both ends and from the list', () => {
    expect(stepAlong(lessons, { screen: 'lesson', lessonId: 'images', step: 0 }, -1)).toBeUndefined();
    expect(stepAlong(lessons, { screen: 'exercise', exerciseId: 'run-nginx' }, 1)).toBeUndefined();
    expect(stepAlong(lessons, { screen: 'lessons' }, 1)).toBeUndefined();
  });

  it('goes back from an exercise to the last step of its lesson, and from a lesson to the list', () => {
    expect(parentOf(lessons, { screen: 'exercise', exerciseId: 'tag-image' })).toEqual({
      screen: 'lesson',
      lessonId: 'images',
      step: 2,
    });
    expect(parentOf(lessons, { screen: 'lesson', lessonId: 'images', step: 1 })).toEqual({ screen: 'lessons' });
  });
});
