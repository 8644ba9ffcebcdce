// The last check: outcome in colour, what is wrong, what to try, and what the check saw.
import { Box, Text } from 'ink';
import type { CheckResult } from '../../checks/kit/api.js';
import { msg } from '../../i18n/catalog.js';
import { OUTCOME } from '../../outcome-theme.js';

export interface CheckResultViewProps {
  readonly result: CheckResult;
}

export function CheckResultView({ result }: CheckResultViewProps) {
  const { mark, word, tone: color } = OUTCOME[result.outcome];
  const label = `${mark} ${word.toUpperCase()}`;
  const evidence = Object.entries(result.evidence);
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text>
        {/* The outcome in words, for a screen reader: "check failed: <message>". */}
        <Text bold color={color} aria-label={msg(`result.${result.outcome}.said`)}>
          {label}
        </Text>{' '}
        {result.message}
      </Text>
      {result.tryNext ? <Text>{`${msg('result.tryNext')} ${result.tryNext}`}</Text> : null}
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
