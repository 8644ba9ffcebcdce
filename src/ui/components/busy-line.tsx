// Shown while long work runs: a spinner, what runs, and how to stop it.
import { Box, Text, useIsScreenReaderEnabled } from 'ink';
import Spinner from 'ink-spinner';
import type { Busy } from '../state.js';

export interface BusyLineProps {
  readonly busy: Busy;
}

export function BusyLine({ busy }: BusyLineProps) {
  // A spinner redraws its line ten times a second, which a screen reader would read out each time.
  if (useIsScreenReaderEnabled())
    return <Text>{busy.cancelling ? 'Cancelling…' : `${busy.label}… Press Esc to cancel.`}</Text>;
  return (
    <Box marginTop={1}>
      <Text color="cyan">
        <Spinner type="dots" />
      </Text>
      <Text> {busy.cancelling ? 'Cancelling…' : `${busy.label}…`} </Text>
      {busy.cancelling ? null : <Text dimColor>Esc to cancel</Text>}
    </Box>
  );
}
