// One step of a lesson: its rendered body, its runnable blocks and their output; objectives on step 1.
import { Box, Text } from 'ink';
import { OutputBox } from '../components/output-box.js';
import { StatusMark } from '../components/status-mark.js';
import type { LessonView } from '../model.js';
import { msg } from '../../i18n/catalog.js';

export interface LessonScreenProps {
  readonly lesson: LessonView;
  /** Zero-based step; clamped, since a saved location may outlive an edited lesson. */
  readonly step: number;
  /** Output of the last `r`, if any. */
  readonly output?: string;
}

/** The step shown for `step`: a saved location may outlive an edited lesson. */
function stepIndex(lesson: LessonView, step: number): number {
  return Math.min(Math.max(0, step), Math.max(0, lesson.steps.length - 1));
}

/** The lesson's title and where the learner is in it; stays on screen while the body scrolls. */
export function LessonHeader({ lesson, step }: Omit<LessonScreenProps, 'output'>) {
  const count = lesson.steps.length;
  return (
    <Box columnGap={2}>
      <Text bold>{lesson.title}</Text>
      {count > 0 ? (
        <Text dimColor>{msg('lesson.stepOf', { n: stepIndex(lesson, step) + 1, total: count })}</Text>
      ) : null}
    </Box>
  );
}

/** The scrollable part of a step: objectives, the step's text and blocks, output, and the exercises. */
export function LessonScreen({ lesson, step, output }: LessonScreenProps) {
  const count = lesson.steps.length;
  const index = stepIndex(lesson, step);
  const current = lesson.steps[index];
  const isLast = index >= count - 1;
  return (
    <Box flexDirection="column">
      {index === 0 && lesson.objectives.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text underline>{msg('lesson.objectives')}</Text>
          {lesson.objectives.map((o) => (
            <Text key={o}>• {o}</Text>
          ))}
        </Box>
      ) : null}
      {current ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold color="cyan">
            {current.title}
          </Text>
          <Text>{current.body.trimEnd()}</Text>
          <BlockHint
            count={current.blocks.length}
            firstLines={current.blocks.map((b) => b.code.split('\n')[0] ?? '')}
          />
        </Box>
      ) : null}
      {output !== undefined ? <OutputBox output={output} /> : null}
      {isLast && lesson.exercises.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text underline>{msg('lesson.exercises')}</Text>
          {lesson.exercises.map((e) => (
            <Text key={e.id}>
              <StatusMark status={e.status} /> {e.title}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}

function BlockHint({ count, firstLines }: { readonly count: number; readonly firstLines: readonly string[] }) {
  if (count === 0) return null;
  if (count === 1) return <Text dimColor>{msg('lesson.runOne')}</Text>;
  return (
    <Box flexDirection="column">
      <Text dimColor>{msg('lesson.runMany')}</Text>
      {firstLines.slice(0, 9).map((line, i) => (
        <Text key={i}>
          <Text bold color="cyan">
            {i + 1}
          </Text>{' '}
          {line}
        </Text>
      ))}
    </Box>
  );
}
