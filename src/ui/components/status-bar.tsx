// The keys available right now, read from keys.ts.
import { Box, Text } from 'ink';
import { keyName } from '../key-spec.js';
import { bindingsFor, type Command, type KeyContext } from '../keys.js';

export interface StatusBarProps {
  readonly context: KeyContext;
  /** Commands shown greyed out because they can't act yet (such as a locked solution). */
  readonly dimmed?: readonly Command[];
  /** Shown at the right, such as "watching". */
  readonly extra?: string;
}

export function StatusBar({ context, dimmed = [], extra }: StatusBarProps) {
  const shown = bindingsFor(context).filter((b) => b.inStatusBar);
  return (
    <Box marginTop={1} flexWrap="wrap" columnGap={2}>
      {shown.map((b) => (
        <Text key={b.command} dimColor={dimmed.includes(b.command)}>
          {/* The first key is enough here; the help overlay lists the others. */}
          <Text bold color="cyan">
            {keyName(b.keys[0] ?? '')}
          </Text>{' '}
          {b.label}
        </Text>
      ))}
      {extra ? <Text color="magenta">{extra}</Text> : null}
    </Box>
  );
}
