// Who asked for a screen reader's layout or for no colour: flags and environment read in one place. Plain data, no
// ink, so the CLI can decide before the TUI loads.

/** `--screen-reader`, CONTAINERLINGS_SCREEN_READER=1, or Ink's own INK_SCREEN_READER=true. */
export function screenReaderWanted(flag: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  const on = (value: string | undefined) => value !== undefined && ['1', 'true', 'yes'].includes(value.toLowerCase());
  return flag || on(env.CONTAINERLINGS_SCREEN_READER) || on(env.INK_SCREEN_READER);
}

/** NO_COLOR (https://no-color.org): present and not empty turns every colour off. */
export function colourRefused(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '';
}
