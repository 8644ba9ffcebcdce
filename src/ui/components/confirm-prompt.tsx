// A y/n question that takes over the keyboard until answered.
import { Box, Text } from 'ink';

export interface ConfirmPromptProps {
  readonly question: string;
}

export function ConfirmPrompt({ question }: ConfirmPromptProps) {
  return (
    <Box marginTop={1} borderStyle="round" borderColor="yellow" paddingX={1}>
      <Text>
        {question} <Text bold>(y/n)</Text>
      </Text>
    </Box>
  );
}
