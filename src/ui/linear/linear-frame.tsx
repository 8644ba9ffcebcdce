// The screen-reader layout: one column of plain lines, no boxes, no spinner, and no screen drawn again. What is new
// is printed once below what came before (use-transcript.ts); only the last lines (what runs, the question, the
// keys) are live.
import { Box, Static, Text } from 'ink';
import { BusyLine } from '../components/busy-line.js';
import { HelpOverlay } from '../components/help-overlay.js';
import { CheckResultView } from '../exercise/check-result.js';
import { confirmQuestion } from '../exercise/exercise-commands.js';
import { keyName } from '../key-spec.js';
import { bindingsFor, type Command, type KeyContext } from '../keys.js';
import { ScreenBody, ScreenHeader } from '../screen.js';
import type { AppState } from '../state.js';
import { useTranscript, type Entry } from './use-transcript.js';
import { msg } from '../../i18n/catalog.js';

export interface LinearFrameProps {
  readonly state: AppState;
  readonly context: KeyContext;
  /** Commands that cannot act yet, said as "locked". */
  readonly dimmed: readonly Command[];
}

export function LinearFrame({ state, context, dimmed }: LinearFrameProps) {
  const entries = useTranscript(state);
  return (
    <>
      <Static items={[...entries]}>{(entry) => <EntryView key={entry.id} entry={entry} />}</Static>
      <Box flexDirection="column">
        {state.busy ? <BusyLine busy={state.busy} /> : null}
        {state.confirm ? <Text>{`${confirmQuestion(state.confirm)} ${msg('confirm.yesOrNo')}`}</Text> : null}
        {selection(state)}
        <Text>{keysSaid(context, dimmed, state.watching)}</Text>
      </Box>
    </>
  );
}

function EntryView({ entry }: { readonly entry: Entry }) {
  const { state } = entry;
  const exercise = state.exercise;
  switch (entry.kind) {
    case 'page':
      return (
        <Box flexDirection="column">
          <ScreenHeader state={state} />
          <ScreenBody state={state} />
        </Box>
      );
    case 'help':
      return <HelpOverlay screen={state.location.screen} />;
    case 'hint': {
      const shown = exercise?.hintsShown ?? [];
      const which = msg('exercise.hintOf', { n: shown.length, total: exercise?.hintsTotal ?? 0 });
      return <Text>{`${which}: ${(shown.at(-1) ?? '').trimEnd()}`}</Text>;
    }
    case 'diagnosis':
      return <Text>{`${msg('linear.diagnosisHint')} ${exercise?.diagnosisHint?.hint.trimEnd() ?? ''}`}</Text>;
    case 'result':
      return exercise?.lastResult ? <CheckResultView result={exercise.lastResult} /> : null;
    case 'solution':
      return <Text>{`${msg('exercise.solution')}:\n${(state.solution ?? '').trimEnd()}`}</Text>;
    case 'notice':
      return (
        <Text>{(state.notice?.tone === 'error' ? `${msg('linear.problem')} ` : '') + (state.notice?.text ?? '')}</Text>
      );
    case 'output':
      return (
        <Text>{`${msg('linear.output')}\n${(state.output ?? '').trimEnd() || msg('linear.none')}\n${msg('linear.endOfOutput')}`}</Text>
      );
  }
}

/** On the list: which lesson Enter opens. */
function selection(state: AppState) {
  const lesson = state.location.screen === 'lessons' ? state.lessons?.[state.selected] : undefined;
  if (!lesson || state.help) return null;
  const passed = lesson.exercises.filter((e) => e.status === 'passed').length;
  const where = msg('linear.selected', { n: state.selected + 1, total: state.lessons?.length ?? 0 });
  const done = msg('linear.passed', { passed, total: lesson.exercises.length });
  return <Text>{`${where}: ${lesson.title}, ${done}`}</Text>;
}

/** Nothing scrolls in this layout: the terminal keeps every line. */
const scrollKeys: ReadonlySet<Command> = new Set(['lineDown', 'lineUp', 'pageDown', 'pageUp', 'top', 'bottom']);

/** "Keys: c check, h hint, s solution (locked), ? every key." */
export function keysSaid(context: KeyContext, dimmed: readonly Command[], watching: boolean): string {
  const keys = bindingsFor(context)
    .filter((b) => b.inStatusBar && !scrollKeys.has(b.command))
    .map(
      (b) => `${keyName(b.keys[0] ?? '')} ${b.label}${dimmed.includes(b.command) ? ` ${msg('linear.locked')}` : ''}`,
    );
  return `${watching ? `${msg('linear.watching')} ` : ''}${msg('linear.keys')} ${keys.join(', ')}.`;
}
