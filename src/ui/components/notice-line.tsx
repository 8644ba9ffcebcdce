// The outcome of the last command: a confirmation, a refusal with the way forward, or an error.
import { Box, Text } from 'ink';
import type { Notice } from '../state.js';

const colors = { info: undefined, success: 'green', error: 'red' } as const;

export interface NoticeLineProps {
  readonly notice: Notice;
}

export function NoticeLine({ notice }: NoticeLineProps) {
  return (
    <Box marginTop={1}>
      <Text color={colors[notice.tone]}>{notice.text}</Text>
    </Box>
  );
}
