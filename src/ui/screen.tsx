// What the current location shows, in two parts: a header that always stays on screen, and a body that
// scrolls inside the viewport when it is taller than the terminal.
import { Text } from 'ink';
import { msg } from '../i18n/catalog.js';
import { ExerciseHeader, ExerciseScreen } from './exercise/exercise-screen.js';
import { LessonList, LessonListHeader } from './lesson-list/lesson-list.js';
import { LessonHeader, LessonScreen } from './lesson/lesson-screen.js';
import type { AppState } from './state.js';

export interface ScreenPartProps {
  readonly state: AppState;
}

export function ScreenHeader({ state }: ScreenPartProps) {
  const { location } = state;
  if (location.screen === 'lessons') return <LessonListHeader />;
  if (location.screen === 'exercise') return state.exercise ? <ExerciseHeader exercise={state.exercise} /> : null;
  const lesson = state.lessons?.find((l) => l.id === location.lessonId);
  return lesson ? <LessonHeader lesson={lesson} step={location.step} /> : null;
}

export function ScreenBody({ state }: ScreenPartProps) {
  const { location, lessons } = state;
  if (location.screen === 'exercise') {
    if (!state.exercise) return <Text dimColor>{msg('exercise.loading')}</Text>;
    return <ExerciseScreen exercise={state.exercise} solution={state.solution} />;
  }
  if (!lessons) return <Text dimColor>{msg('lessons.loading')}</Text>;
  if (location.screen === 'lessons') return <LessonList lessons={lessons} selected={state.selected} />;
  const lesson = lessons.find((l) => l.id === location.lessonId);
  if (!lesson) return <Text>{msg('lesson.missing', { id: location.lessonId })}</Text>;
  if (lesson.rendered === false) return <Text dimColor>{msg('lesson.loading')}</Text>;
  return <LessonScreen lesson={lesson} step={location.step} output={state.output} />;
}
