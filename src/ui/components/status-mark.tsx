// One character per exercise status, the same everywhere it appears.
import { Text } from 'ink';
import type { ExerciseStatus } from '../model.js';

const marks: Readonly<Record<ExerciseStatus, { readonly mark: string; readonly color: string }>> = {
  passed: { mark: '✓', color: 'green' },
  failed: { mark: '✘', color: 'red' },
  error: { mark: '!', color: 'yellow' },
  todo: { mark: '·', color: 'gray' },
};

export interface StatusMarkProps {
  readonly status: ExerciseStatus;
}

export function StatusMark({ status }: StatusMarkProps) {
  const { mark, color } = marks[status];
  return <Text color={color}>{mark}</Text>;
}
