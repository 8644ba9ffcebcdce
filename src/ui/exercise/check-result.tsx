// The last check: outcome in colour, what is wrong, what to try, and what the check saw.
import { Box, Text } from 'ink';
import type { CheckResult } from '../../checks/kit/api.js';
import { OUTCOME } from '../../outcome-theme.js';

export interface CheckResultViewProps {
  readonly result: CheckResult;
}

/** The outcome in words, for a screen reader: "check failed: <message>". */
const said = { pass: 'check passed:', fail: 'check failed:', error: 'check could not finish:' } as const;

export function CheckResultView({ result }: CheckResultViewProps) {
  const { mark, word, tone: color } = OUTCOME[result.outcome];
  const label = `${mark} ${word.toUpperCase()}`;
  const evidence = Object.entries(result.evidence);
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text>
        <Text bold color={color} aria-label={said[result.outcome]}>
          {label}
        </Text>{' '}
        {result.message}
      </Text>
      {result.tryNext ? <Text>Try next: {result.tryNext}</Text> : null}
      {evidence.length > 0 ? (
        <Box flexDirection="column" marginLeft={2}>
          {evidence.map(([key, value]) => (
            <Text key={key} dimColor>
              {key}: {String(value)}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
