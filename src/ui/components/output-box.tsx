// Streamed output of a shell block, bounded so a chatty command can't push the lesson off screen.
import { Box, Text } from 'ink';

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
  return (
    <Box flexDirection="column" borderStyle="single" borderColor="gray" paddingX={1} marginTop={1}>
      {all.length > shown.length ? <Text dimColor>… {all.length - shown.length} earlier lines</Text> : null}
      {output === '' ? <Text dimColor>(no output yet)</Text> : shown.map((line, i) => <Text key={i}>{line}</Text>)}
    </Box>
  );
}
