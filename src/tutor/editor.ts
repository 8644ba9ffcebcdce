// The learner's own editor: which one opens an exercise (this run's flags, else the choice remembered in the
// workspace, else VS Code when run in its terminal), and opening it as a detached child that never blocks the TUI.
// An editor that runs in a terminal (vim, nano, ...) cannot share the one the TUI draws in: inside tmux it opens in
// a new tmux window; elsewhere the learner is told to open the file from another terminal.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors.js';

export const EditorChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('env') }),
  z.object({ kind: z.literal('command'), command: z.string().min(1) }),
]);
export type EditorChoice = z.infer<typeof EditorChoice>;

export interface EditorFlags {
  readonly editor: boolean;
  readonly editCmd?: string;
  readonly noEditor: boolean;
}

/** The choice this run's flags make, if any: --no-editor, --editor ($VISUAL/$EDITOR) or --edit-cmd CMD. */
export function choiceFromFlags({ editor, editCmd, noEditor }: EditorFlags): EditorChoice | undefined {
  const given = [editor, editCmd !== undefined, noEditor].filter(Boolean).length;
  if (given > 1)
    throw new UserError(
      '--editor, --edit-cmd and --no-editor each choose the editor: give one of them.',
      'For example `containerlings --edit-cmd code`, or `containerlings --no-editor`.',
      'usage',
    );
  if (noEditor) return { kind: 'none' };
  if (editor) return { kind: 'env' };
  if (editCmd !== undefined) {
    if (editCmd.trim() === '')
      throw new UserError('--edit-cmd needs a command.', 'For example `--edit-cmd "code -n"`.', 'usage');
    return { kind: 'command', command: editCmd.trim() };
  }
  return undefined;
}

const choicePath = (workspaceDir: string) => join(workspaceDir, '.containerlings', 'editor.json');

/** This run's flags, remembered for the next runs; else what was remembered (a damaged file counts as nothing). */
export async function editorChoice(workspaceDir: string, flags: EditorFlags): Promise<EditorChoice | undefined> {
  const chosen = choiceFromFlags(flags);
  if (chosen) {
    await writeFile(choicePath(workspaceDir), JSON.stringify(chosen) + '\n');
    return chosen;
  }
  try {
    return EditorChoice.parse(JSON.parse(await readFile(choicePath(workspaceDir), 'utf8')));
  } catch {
    return undefined;
  }
}

/** Editors that draw in the terminal they start in. */
const TERMINAL_EDITORS = new Set(['vi', 'vim', 'nvim', 'view', 'nano', 'pico', 'micro', 'hx', 'helix', 'kak', 'joe']);
const TERMINAL_EDITOR_ALSO = new Set(['emacs', 'ne', 'mg', 'ed', 'jed', 'mcedit', 'emacsclient']);

/** The program a shell command line starts, without its folder: `'/opt/my editor/ed' -n` → `ed`. */
function programOf(command: string): string {
  const [, single, double, bare] = /^(?:'([^']*)'|"([^"]*)"|(\S+))/.exec(command.trim()) ?? [];
  return basename(single ?? double ?? bare ?? command);
}

/** `emacs` runs in the terminal unless told otherwise; `emacsclient -c` opens a frame of its own. */
function runsInTerminal(command: string, env: NodeJS.ProcessEnv): boolean {
  const program = programOf(command);
  if (program === 'emacsclient') return !/\s(-c|--create-frame)\b/.test(command);
  if (program === 'emacs') return /\s(-nw|--no-window-system)\b/.test(command) || !env.DISPLAY;
  return TERMINAL_EDITORS.has(program) || TERMINAL_EDITOR_ALSO.has(program);
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** How to open `path`: a program and its arguments, or why it does not open. */
export type Launch = { readonly argv: readonly string[]; readonly editor: string } | { readonly refused: string };

/** What opens `path` for this choice; undefined when nothing should. `command` runs through sh, as in $EDITOR. */
export function launchFor(choice: EditorChoice | undefined, path: string, env = process.env): Launch | undefined {
  if (choice?.kind === 'none') return undefined;
  const command =
    choice?.kind === 'command'
      ? choice.command
      : choice?.kind === 'env'
        ? env.VISUAL || env.EDITOR
        : env.TERM_PROGRAM === 'vscode'
          ? 'code'
          : undefined;
  if (command === undefined) {
    if (choice?.kind !== 'env') return undefined;
    return { refused: 'Neither VISUAL nor EDITOR is set: set one, or choose with --edit-cmd "<command>".' };
  }
  const line = `${command} ${quote(path)}`;
  const editor = programOf(command);
  // exec: the editor takes the shell's place, and leads the process group `detached` made.
  if (!runsInTerminal(command, env)) return { argv: ['sh', '-c', `exec ${line}`], editor };
  if (env.TMUX) return { argv: ['tmux', 'new-window', line], editor };
  return {
    refused:
      `${editor} runs in a terminal, and this one shows the tutorial: open ${path} from another terminal, ` +
      'press t for a shell here, or choose a windowed editor with --edit-cmd.',
  };
}

/** The file an exercise is mostly about: the first of these that its folder has, else its first file. */
const MAIN_FILES = ['Dockerfile', 'docker-compose.yml', 'compose.yaml', 'taskdef.json', 'policy.json', 'NOTES.md'];

export async function mainFile(dir: string): Promise<string> {
  const known = MAIN_FILES.find((name) => existsSync(join(dir, name)));
  if (known) return join(dir, known);
  const files = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  return files.length > 0 ? join(dir, files.sort()[0]!) : dir;
}

/** How long a start may take to fail (a command not found) before we call it opened. */
const START_GRACE_MS = 400;

/**
 * Starts `argv` detached, its output ignored, and resolves once it has started (or failed to) without waiting for
 * it to end: undefined when it runs or ended well, else why it failed.
 */
export function openDetached(argv: readonly string[]): Promise<string | undefined> {
  const [program, ...args] = argv;
  return new Promise((resolve) => {
    const child = spawn(program!, args, { detached: true, stdio: 'ignore' });
    const timer = setTimeout(() => resolve(undefined), START_GRACE_MS);
    timer.unref();
    const fail = (why: string | undefined) => {
      clearTimeout(timer);
      resolve(why);
    };
    child.on('error', (e) => fail(`${program} could not start (${e.message}).`));
    child.on('exit', (code) => fail(code === 0 ? undefined : code === 127 ? 'not found' : `exit code ${code}`));
    child.unref();
  });
}

/** The desktop's own opener, when there is a desktop. */
function desktopOpener(env: NodeJS.ProcessEnv): EditorChoice | undefined {
  if (process.platform === 'darwin') return { kind: 'command', command: 'open' };
  return env.DISPLAY || env.WAYLAND_DISPLAY ? { kind: 'command', command: 'xdg-open' } : undefined;
}

/**
 * Opens `target` (the exercise's main file when it starts, or its folder when asked) for this choice; returns what
 * to tell the learner. A folder asked for opens in the desktop's file manager when no editor is chosen.
 */
export async function openInEditor(
  choice: EditorChoice | undefined,
  target: string,
  asked = false,
  env = process.env,
): Promise<string | undefined> {
  const launch = launchFor(choice, target, env) ?? (asked ? launchFor(desktopOpener(env), target, env) : undefined);
  if (!launch && asked)
    return `The exercise folder is ${target}. No editor is chosen and there is no desktop here: start with --edit-cmd "<command>".`;
  if (!launch) return undefined;
  if ('refused' in launch) return launch.refused;
  const failed = await openDetached(launch.argv);
  if (failed === 'not found')
    return `${launch.editor} was not found: install it, put it on PATH, or choose another with --edit-cmd.`;
  return failed ? `${launch.editor} did not open ${target}: ${failed}.` : `Opened ${target} in ${launch.editor}.`;
}
