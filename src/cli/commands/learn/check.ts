// `containerlings check <exercise>`: judge the engine's state; exit 0 pass, 1 fail, 2 error.
import { watch } from 'node:fs';
import type { Invocation } from '../../args.js';
import { requireExercise } from '../../args.js';
import { openTutor } from '../../context.js';
import { msg } from '../../../i18n/catalog.js';
import { exitCodeFor, formatResult, paint, printJson } from '../../output.js';

export default async function check(inv: Invocation, signal: AbortSignal): Promise<number> {
  if (inv.all) return (await import('./check-all.js')).default(inv, signal);
  const id = requireExercise(inv);
  const tutor = await openTutor(inv);
  const title = tutor.exercise(id).meta.title;
  const once = async () => {
    const result = await tutor.check(id, signal);
    if (inv.json) printJson({ exercise: id, ...result });
    else process.stdout.write(formatResult(title, result) + '\n');
    return exitCodeFor(result.outcome);
  };
  const code = await once();
  if (!inv.watch) return code;
  process.stdout.write(paint('dim', `${msg('check.watching', { dir: tutor.dir(id) })}\n`));
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve(code);
  const watcher = watch(tutor.dir(id), { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => (running = running.then(once)), 300);
  });
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  watcher.close();
  clearTimeout(timer);
  return running;
}
