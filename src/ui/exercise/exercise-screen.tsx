// An exercise: the task, where to work, the hints so far, the last check, and the solution once unlocked.
import { Box, Text } from 'ink';
import { StatusMark } from '../components/status-mark.js';
import type { ExerciseView } from '../model.js';
import { CheckResultView } from './check-result.js';
import { msg } from '../../i18n/catalog.js';

export interface ExerciseScreenProps {
  /** The exercise as recorded, with its last check. */
  readonly exercise: ExerciseView;
  /** The rendered solution, when the learner opened it. */
  readonly solution?: string;
}

/** The exercise's status and title; stays on screen while the body scrolls. */
export function ExerciseHeader({ exercise }: Pick<ExerciseScreenProps, 'exercise'>) {
  return (
    <Text>
      <StatusMark status={exercise.status} /> <Text bold>{exercise.title}</Text>
    </Text>
  );
}

/** The scrollable part: task, folder, hints, last check and solution. */
export function ExerciseScreen({ exercise, solution }: ExerciseScreenProps) {
  const shown = exercise.lastResult;
  const { hintsShown, hintsTotal, diagnosisHint } = exercise;
  return (
    <Box flexDirection="column">
      <Box marginTop={1}>
        <Text>{exercise.task.trimEnd()}</Text>
      </Box>
      <Box marginTop={1}>
        <Text>
          {`${msg('exercise.workIn')} `}
          <Text color="cyan">{exercise.dir}</Text>
        </Text>
      </Box>
      {hintsShown.map((hint, i) => (
        <Box key={i} marginTop={1} flexDirection="column">
          <Text color="yellow">{msg('exercise.hintOf', { n: i + 1, total: hintsTotal })}</Text>
          <Text>{hint.trimEnd()}</Text>
        </Box>
      ))}
      {diagnosisHint?.shown ? (
        <Box marginTop={1} flexDirection="column">
          <Text color="yellow">{msg('exercise.diagnosisHint')}</Text>
          <Text>{diagnosisHint.hint.trimEnd()}</Text>
        </Box>
      ) : null}
      {diagnosisHint && !diagnosisHint.shown ? (
        <Text dimColor>{msg('exercise.diagnosisHintWaiting')}</Text>
      ) : hintsShown.length === 0 && hintsTotal > 0 ? (
        <Text dimColor>{hintsTotal === 1 ? msg('exercise.oneHint') : msg('exercise.hints', { n: hintsTotal })}</Text>
      ) : null}
      {shown ? <CheckResultView result={shown} /> : <Text dimColor>{msg('exercise.notChecked')}</Text>}
      {solution !== undefined ? (
        <Box flexDirection="column" marginTop={1} borderStyle="round" borderColor="green" paddingX={1}>
          <Text bold color="green">
            {msg('exercise.solution')}
          </Text>
          <Text>{solution.trimEnd()}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
