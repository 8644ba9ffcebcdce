// Shown while long work runs: a spinner, what runs, and how to stop it.
import { Box, Text, useIsScreenReaderEnabled } from 'ink';
import Spinner from 'ink-spinner';
import type { Busy } from '../state.js';
import { msg } from '../../i18n/catalog.js';

export interface BusyLineProps {
  readonly busy: Busy;
}

export function BusyLine({ busy }: BusyLineProps) {
  // A spinner redraws its line ten times a second, which a screen reader would read out each time.
  if (useIsScreenReaderEnabled())
    return <Text>{busy.cancelling ? msg('busy.cancelling') : `${busy.label}… ${msg('busy.pressEsc')}`}</Text>;
  return (
    <Box marginTop={1}>
      <Text color="cyan">
        <Spinner type="dots" />
      </Text>
      <Text> {busy.cancelling ? msg('busy.cancelling') : `${busy.label}…`} </Text>
      {busy.cancelling ? null : <Text dimColor>{msg('busy.escToCancel')}</Text>}
    </Box>
  );
}
