// The course at a glance: every lesson with its progress; the selected one lists its exercises.
import { Box, Text } from 'ink';
import { StatusMark } from '../components/status-mark.js';
import type { LessonView } from '../model.js';
import { msg } from '../../i18n/catalog.js';

export interface LessonListProps {
  readonly lessons: readonly LessonView[];
  /** Index of the selected lesson. */
  readonly selected: number;
}

function progress(lesson: LessonView): string {
  const total = lesson.exercises.length;
  if (total === 0) return msg('lessons.noExercises');
  const passed = lesson.exercises.filter((e) => e.status === 'passed').length;
  return msg('lessons.passed', { passed, total });
}

/** Stays on screen while the list scrolls. */
export function LessonListHeader() {
  return <Text bold>{msg('lessons.title')}</Text>;
}

export function LessonList({ lessons, selected }: LessonListProps) {
  if (lessons.length === 0) return <Text>{msg('lessons.none')}</Text>;
  return (
    <Box flexDirection="column">
      {lessons.map((lesson, i) => {
        const isSelected = i === selected;
        return (
          <Box key={lesson.id} flexDirection="column">
            <Box columnGap={1}>
              <Text color="cyan" aria-hidden>
                {isSelected ? '❯' : ' '}
              </Text>
              <Text bold={isSelected} color={isSelected ? 'cyan' : undefined} dimColor={Boolean(lesson.unavailable)}>
                {i + 1}. {lesson.title}
              </Text>
              <Text dimColor>
                {lesson.unavailable ? msg('lessons.unavailable', { why: lesson.unavailable }) : progress(lesson)}
              </Text>
              {/* The progress just before says it in words. */}
              <Text aria-hidden>
                {lesson.exercises.map((e) => (
                  <StatusMark key={e.id} status={e.status} />
                ))}
              </Text>
            </Box>
            {isSelected ? <SelectedLesson lesson={lesson} /> : null}
          </Box>
        );
      })}
    </Box>
  );
}

function SelectedLesson({ lesson }: { readonly lesson: LessonView }) {
  return (
    <Box flexDirection="column" marginLeft={4}>
      {lesson.summary ? <Text dimColor>{lesson.summary}</Text> : null}
      {lesson.exercises.map((e) => (
        <Text key={e.id}>
          <StatusMark status={e.status} /> {e.title}
        </Text>
      ))}
    </Box>
  );
}
