// `containerlings sandbox prepare|clean`: build base images ahead of time; remove what containerlings created.
import { UserError } from '../../errors.js';
import { removeLabelled } from '../../sandbox/cleanup.js';
import { loadCourse } from '../../lessons/course.js';
import { ensureImage, loadCatalog } from '../../sandbox/catalog.js';
import { connect } from '../../sandbox/engine.js';
import type { Invocation } from '../args.js';
import { maybeTutor } from '../context.js';
import { EXIT, paint, printJson } from '../output.js';

export default async function sandbox(inv: Invocation): Promise<number> {
  const action = inv.positionals[0];
  const engine = await connect();
  if (action === 'prepare') {
    const course = await loadCourse();
    const catalog = await loadCatalog(course.root);
    const names = inv.positionals.length > 1 ? inv.positionals.slice(1) : Object.keys(catalog);
    const result: Record<string, string> = {};
    for (const name of names) result[name] = await ensureImage(engine, catalog, name, (l) => !inv.json && process.stderr.write(paint('dim', l) + '\n'));
    if (inv.json) printJson({ images: result });
    else for (const [name, how] of Object.entries(result)) process.stdout.write(`${paint('green', '✔')} ${name}: ${how}\n`);
    return EXIT.pass;
  }
  if (action === 'clean') {
    // Without --all, only this workspace's resources; with it, every workspace's (base images stay either way).
    const tutor = inv.all ? undefined : await maybeTutor(inv);
    if (!inv.all && !tutor) throw new UserError('No workspace here, so nothing to clean.', 'Use `--all` to remove what any containerlings workspace created.', 'usage');
    const out = await removeLabelled(engine, tutor?.workspace.id);
    if (inv.json) printJson(out);
    else {
      for (const r of out.removed) process.stdout.write(`removed ${r}\n`);
      for (const k of out.kept) process.stdout.write(paint('yellow', `could not remove ${k}\n`));
      if (!out.removed.length && !out.kept.length) process.stdout.write('Nothing to remove.\n');
    }
    return out.kept.length ? EXIT.error : EXIT.pass;
  }
  throw new UserError(`\`containerlings sandbox\` needs an action: prepare or clean.`, 'For example: `containerlings sandbox prepare`.', 'usage');
}
