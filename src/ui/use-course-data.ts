// Effects that follow the location: load lessons and the open exercise, save where the learner is,
// and watch the exercise folder in watch mode.
import { useEffect, useRef, type RefObject } from 'react';
import { loadLesson, refreshLessons, startExercise, type CommandContext } from './command-context.js';
import { runCheck } from './exercise/exercise-commands.js';
import { locationKey } from './navigation.js';
import { noticeFromError } from './notice.js';

/** `ctxRef` always holds the latest context, so callbacks fired later (watch) never act on stale state. */
export function useCourseData(ctxRef: RefObject<CommandContext>): void {
  const { state, actions, dispatch } = ctxRef.current;
  const { location, watching } = state;
  const exerciseId = location.screen === 'exercise' ? location.exerciseId : undefined;
  const key = locationKey(location);

  // Lessons given at start make the first frame; they are loaded again at once for what came later
  // (which lessons are unavailable, say).
  useEffect(() => refreshLessons(ctxRef.current), [ctxRef]);

  const lessonId = location.screen === 'lesson' ? location.lessonId : undefined;
  const unrendered = state.lessons?.some((l) => l.id === lessonId && l.rendered === false) ?? false;
  useEffect(() => {
    if (lessonId && unrendered) loadLesson(ctxRef.current, lessonId);
  }, [ctxRef, lessonId, unrendered]);

  useEffect(() => {
    // Opening an exercise starts it: the tutor runs its setup if this attempt has not had it.
    if (exerciseId) startExercise(ctxRef.current, exerciseId);
  }, [ctxRef, exerciseId]);

  // The start location is already saved; only changes need writing. Saving is best effort: losing it
  // costs the learner a few key presses next time, crashing would cost more.
  const saved = useRef(key);
  useEffect(() => {
    if (saved.current === key) return;
    saved.current = key;
    Promise.resolve()
      .then(() => actions.saveLocation(location))
      .catch(() => undefined);
  }, [key, location, actions]);

  useEffect(() => {
    if (!watching || !exerciseId) return;
    let stop: () => void;
    try {
      stop = actions.watch(exerciseId, () => {
        const ctx = ctxRef.current;
        if (!ctx.task.isRunning()) runCheck(ctx, exerciseId);
      });
    } catch (error) {
      dispatch({ type: 'notice', notice: noticeFromError(error) });
      dispatch({ type: 'toggle-watch' });
      return;
    }
    return () => {
      try {
        stop();
      } catch {
        // Stopping a watcher that already died is not the learner's problem.
      }
    };
  }, [watching, exerciseId, actions, dispatch, ctxRef]);
}
