// The help overlay (?): every binding for this screen and for the modes, generated from keys.ts.
import { Box, Text } from 'ink';
import { keyName } from '../key-spec.js';
import { bindingsFor, type KeyContext, type Screen } from '../keys.js';
import { msg, type PlainMessageKey } from '../../i18n/catalog.js';

export interface HelpOverlayProps {
  readonly screen: Screen;
}

const sections: readonly { readonly title: PlainMessageKey; readonly context: (screen: Screen) => KeyContext }[] = [
  { title: 'help.onThisScreen', context: (screen) => screen },
  { title: 'help.whenConfirming', context: () => 'confirm' },
  { title: 'help.whileBusy', context: () => 'busy' },
];

export function HelpOverlay({ screen }: HelpOverlayProps) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text bold>{msg('help.keys')}</Text>
      {sections.map(({ title, context }) => {
        const bindings = bindingsFor(context(screen));
        if (bindings.length === 0) return null;
        return (
          <Box key={title} flexDirection="column" marginTop={1}>
            <Text underline>{msg(title)}</Text>
            {bindings.map((b) => (
              <Box key={b.command}>
                <Box width={16} flexShrink={0}>
                  <Text bold color="cyan">
                    {b.keys.map(keyName).join(' ')}
                  </Text>
                </Box>
                <Text>{b.help}</Text>
              </Box>
            ))}
          </Box>
        );
      })}
      <Box marginTop={1}>
        <Text dimColor>{msg('help.close')}</Text>
      </Box>
    </Box>
  );
}
