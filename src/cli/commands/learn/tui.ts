// The default command: the TUI. Reopens it after a sandbox shell, and checks again when the shell exits.
import { UserError } from '../../../errors.js';
import type { Tutor } from '../../../tutor/tutor.js';
import type { Location } from '../../../ui/model.js';
import type { Invocation } from '../../args.js';
import { openTutor } from '../../context.js';
import { EXIT, paint } from '../../output.js';
import { loadInk } from '../../ink-loader.js';
import { createActions } from '../../../tutor/tui-actions.js';
import { openShell } from '../../../tutor/sandbox-session.js';
import { screenReaderWanted } from '../../../accessibility.js';
import { editorChoice } from '../../../tutor/editor.js';

const NO_TTY = `containerlings needs an interactive terminal for the tutorial, and this is not one.
Without a terminal you can use:
  containerlings list              the lessons and your progress
  containerlings check <exercise>  check an exercise (exit 0 pass, 1 fail, 2 error)
  containerlings hint <exercise>   the next hint
  containerlings doctor            what is missing on this machine
`;

const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const leaveAltScreen = () => process.stdout.write('\u001b[?1049l');

function lessonAt(tutor: Tutor, location: Location) {
  const { lessons, exercises } = tutor.course;
  const id =
    location.screen === 'lesson'
      ? location.lessonId
      : location.screen === 'exercise'
        ? exercises.find((e) => e.id === location.exerciseId)?.meta.lesson
        : undefined;
  return lessons.find((l) => l.id === id) ?? lessons[0];
}

export default async function tui(inv: Invocation): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(NO_TTY);
    return EXIT.error;
  }
  const [tutor, { runTui }] = await Promise.all([openTutor(inv, { create: true }), loadInk()]);
  // Real AWS mode: a setup.sh that creates billable resources needs the learner's yes, asked here once, as a
  // question cannot be asked inside the TUI. A no (or no credentials) is kept: such an exercise says so when opened.
  await tutor.confirmBilling(tutor.course.exercises.filter((e) => e.setup)).catch((e: unknown) => {
    if (!(e instanceof UserError)) throw e;
  });
  const screenReader = screenReaderWanted(inv.screenReader);
  const editor = await editorChoice(tutor.workspace.dir, inv);
  const actions = createActions(tutor, () => process.stdout.columns || 80, { plain: screenReader, editor });
  let location: Location = (await tutor.progress()).location;
  // The base images of the lesson the learner is in are needed before their first build: get them ready
  // while they read, after the first frame (loading dockerode would delay it). Later lessons' images (a
  // Debian rootfs takes a minute) wait for those lessons, or for `containerlings sandbox up`.
  const lessonNow = lessonAt(tutor, location);
  setTimeout(() => void tutor.prepareImages(undefined, lessonNow.images).catch(() => undefined), 1500).unref();
  for (;;) {
    const lessons = await actions.firstLessons();
    // The alternate screen, as full-screen programs (less, vim) use: the tutorial starts on a clean screen
    // even after a sandbox shell, and quitting gives back the terminal exactly as it was. Not for a screen
    // reader: its lines stay in the terminal's scrollback, to be read again.
    const altScreen = !screenReader;
    if (altScreen) process.stdout.write(ENTER_ALT_SCREEN);
    if (altScreen) process.once('exit', leaveAltScreen);
    let exit;
    try {
      exit = await runTui(actions, location, { lessons, screenReader });
    } finally {
      // The live lines stay where they were: what comes next starts on a line of its own.
      if (altScreen) leaveAltScreen();
      else process.stdout.write('\n');
      process.removeListener('exit', leaveAltScreen);
    }
    location = exit.location;
    if (exit.kind === 'quit') return EXIT.pass;
    const cwd = exit.exerciseId ? tutor.dir(exit.exerciseId) : tutor.workspace.dir;
    process.stdout.write(paint('blue', `Sandbox shell in ${cwd}. Type \`exit\` to return to the tutorial.\n`));
    openShell(tutor, exit.exerciseId);
    if (exit.exerciseId) {
      // The tutor records the verdict; the reopened TUI shows it.
      process.stdout.write(paint('dim', `Checking ${exit.exerciseId}...\n`));
      await tutor.check(exit.exerciseId);
    }
  }
}
