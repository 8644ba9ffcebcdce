// The screen-reader layout's transcript: what changed since the last render, as entries printed once (ink's
// <Static>), so a screen reader reads each new thing once and nothing already read is drawn again.
import { useEffect, useRef, useState } from 'react';
import type { AppState, Notice } from '../state.js';
import type { CheckResult } from '../../checks/kit/api.js';

/** What an entry shows; the frame turns it into text. */
export type EntryKind = 'page' | 'help' | 'hint' | 'diagnosis' | 'result' | 'solution' | 'notice' | 'output';

export interface Entry {
  readonly id: number;
  readonly kind: EntryKind;
  /** The state when it happened: an entry is printed once, as it was then. */
  readonly state: AppState;
}

interface Seen {
  readonly page?: string;
  readonly help: boolean;
  readonly result?: CheckResult;
  readonly hints: number;
  readonly diagnosis: boolean;
  readonly solution?: string;
  readonly notice?: Notice;
  readonly running: boolean;
}

/** Which page the state shows, once it is loaded; a new page is printed whole. */
export function pageKey(state: AppState): string | undefined {
  const { location, lessons, exercise } = state;
  if (location.screen === 'exercise') return exercise ? `exercise:${exercise.id}` : undefined;
  if (!lessons) return undefined;
  if (location.screen === 'lessons') return 'lessons';
  const lesson = lessons.find((l) => l.id === location.lessonId);
  return lesson?.rendered === false ? undefined : `lesson:${location.lessonId}:${location.step}`;
}

function seenIn(state: AppState): Seen {
  const { exercise } = state;
  return {
    page: pageKey(state),
    help: state.help,
    result: exercise?.lastResult,
    hints: exercise?.hintsShown.length ?? 0,
    diagnosis: Boolean(exercise?.diagnosisHint?.shown),
    solution: state.solution,
    notice: state.notice,
    running: state.busy?.kind === 'run',
  };
}

/** What to print for the step from `before` to `now`: a whole new page, else only what is new on it. */
export function changes(before: Seen | undefined, now: Seen, output: string | undefined): EntryKind[] {
  const kinds: EntryKind[] = [];
  if (now.page !== undefined && now.page !== before?.page) kinds.push('page');
  else if (before) {
    if (now.hints > before.hints) kinds.push('hint');
    if (now.diagnosis && !before.diagnosis) kinds.push('diagnosis');
    if (now.result && now.result !== before.result) kinds.push('result');
    if (now.solution !== undefined && now.solution !== before.solution) kinds.push('solution');
    if (before.running && !now.running && output !== undefined) kinds.push('output');
  }
  if (now.notice && now.notice !== before?.notice) kinds.push('notice');
  if (now.help && !before?.help) kinds.push('help');
  return kinds;
}

export function useTranscript(state: AppState): readonly Entry[] {
  const [entries, setEntries] = useState<readonly Entry[]>([]);
  const seen = useRef<Seen | undefined>(undefined);
  const nextId = useRef(0);
  useEffect(() => {
    const now = seenIn(state);
    const kinds = changes(seen.current, now, state.output);
    // A page not loaded yet keeps the last one's baseline, so its loading is not a change.
    seen.current = now.page === undefined && seen.current ? { ...now, page: seen.current.page } : now;
    if (kinds.length > 0)
      setEntries((all) => [...all, ...kinds.map((kind) => ({ id: nextId.current++, kind, state }))]);
  }, [state]);
  return entries;
}
