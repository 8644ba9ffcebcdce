// Streamed output of a shell block, bounded so a chatty command can't push the lesson off screen.
import { Box, Text } from 'ink';
import { msg } from '../../i18n/catalog.js';

export interface OutputBoxProps {
  readonly output: string;
  /**
   * How many of the most recent lines to show.
   * @default 15
   */
  readonly lines?: number;
}

export function OutputBox({ output, lines = 15 }: OutputBoxProps) {
  // Carriage returns (progress bars) would redraw over the box's border.
  const all = output
    .replace(/\r(?!\n)/g, '\n')
    .replace(/\r/g, '')
    .replace(/\n$/, '')
    .split('\n');
  const shown = all.slice(-lines);
  const hidden = all.length - shown.length;
  return (
    <Box flexDirection="column" borderStyle="single" borderColor="gray" paddingX={1} marginTop={1}>
      {hidden > 0 ? (
        <Text dimColor>{hidden === 1 ? msg('output.earlierLine') : msg('output.earlierLines', { n: hidden })}</Text>
      ) : null}
      {output === '' ? (
        <Text dimColor>{msg('output.empty')}</Text>
      ) : (
        shown.map((line, i) => <Text key={i}>{line}</Text>)
      )}
    </Box>
  );
}
