// One character per exercise status, the same everywhere it appears (outcome-theme.ts).
import { Text } from 'ink';
import { STATUS } from '../../outcome-theme.js';
import type { ExerciseStatus } from '../model.js';

export interface StatusMarkProps {
  readonly status: ExerciseStatus;
}

export function StatusMark({ status }: StatusMarkProps) {
  const { mark, word, tone } = STATUS[status];
  return (
    <Text color={tone} aria-label={`(${word})`}>
      {mark}
    </Text>
  );
}
