// The learner's editor: which one a choice opens, the choice remembered in the workspace, and a real (fake) editor
// started detached: its argv is recorded by the script itself, and opening returns while it still runs.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { choiceFromFlags, editorChoice, launchFor, mainFile, openInEditor } from '../../src/tutor/editor.js';
import { tempDir } from '../support/cli.js';
import { waitFor } from '../ui/render-helper.js';

const noFlags = { editor: false, noEditor: false };
const started: number[] = [];

afterEach(() => {
  // The fake editors sleep after recording: end the ones this test started, by their pid.
  for (const pid of started.splice(0)) {
    try {
      process.kill(-pid); // its process group: the script and its sleep
    } catch {
      /* already gone */
    }
  }
});

/** An editor that records its arguments one a line, and its pid, then keeps running as an editor does. */
function fakeEditor(dir: string): { command: string; argv: () => string[] } {
  const out = join(dir, 'argv.txt');
  const script = join(dir, 'fake editor.sh');
  writeFileSync(
    script,
    `#!/bin/sh\necho $$ > '${out}.pid'\nprintf '%s\\n' "$@" > '${out}.tmp'\nmv '${out}.tmp' '${out}'\nsleep 30\n`,
  );
  chmodSync(script, 0o755);
  return {
    command: `'${script}' --new-window`,
    argv: () => {
      if (!existsSync(out)) return [];
      started.push(Number(readFileSync(`${out}.pid`, 'utf8')));
      return readFileSync(out, 'utf8').trimEnd().split('\n');
    },
  };
}

describe('choosing the editor', () => {
  it('takes one of --editor, --edit-cmd and --no-editor, and refuses two', () => {
    expect(choiceFromFlags(noFlags)).toBeUndefined();
    expect(choiceFromFlags({ ...noFlags, editor: true })).toEqual({ kind: 'env' });
    expect(choiceFromFlags({ ...noFlags, editCmd: ' code -n ' })).toEqual({ kind: 'command', command: 'code -n' });
    expect(() => choiceFromFlags({ editor: true, noEditor: true })).toThrow(UserError);
  });

  it('remembers the last choice in the workspace', async () => {
    const ws = tempDir();
    mkdirSync(join(ws, '.containerlings'));
    expect(await editorChoice(ws, noFlags)).toBeUndefined();
    await editorChoice(ws, { ...noFlags, editCmd: 'subl -n' });
    expect(await editorChoice(ws, noFlags)).toEqual({ kind: 'command', command: 'subl -n' });
    await editorChoice(ws, { ...noFlags, noEditor: true });
    expect(await editorChoice(ws, noFlags)).toEqual({ kind: 'none' });
  });

  it('opens VS Code in its terminal, $VISUAL/$EDITOR only when asked, and nothing after --no-editor', () => {
    const file = '/ws/first-image/Dockerfile';
    expect(launchFor(undefined, file, {})).toBeUndefined();
    expect(launchFor(undefined, file, { EDITOR: 'gedit' })).toBeUndefined();
    expect(launchFor(undefined, file, { TERM_PROGRAM: 'vscode' })).toEqual({
      argv: ['sh', '-c', `exec code '${file}'`],
      editor: 'code',
    });
    expect(launchFor({ kind: 'none' }, file, { TERM_PROGRAM: 'vscode' })).toBeUndefined();
    expect(launchFor({ kind: 'env' }, file, { VISUAL: 'gedit', EDITOR: 'nano' })).toMatchObject({ editor: 'gedit' });
    expect(launchFor({ kind: 'env' }, file, {})).toMatchObject({ refused: expect.stringMatching(/VISUAL nor EDITOR/) });
  });

  it('never starts a terminal editor in the TUI’s terminal: a tmux window, or the learner is told', () => {
    const file = '/ws/first-image/Dockerfile';
    expect(launchFor({ kind: 'env' }, file, { EDITOR: 'vim' })).toMatchObject({
      refused: expect.stringMatching(/^vim runs in a terminal.*another terminal/),
    });
    expect(launchFor({ kind: 'command', command: 'nvim -p' }, file, { TMUX: '/tmp/tmux-0/default,1,0' })).toEqual({
      argv: ['tmux', 'new-window', `nvim -p '${file}'`],
      editor: 'nvim',
    });
    expect(launchFor({ kind: 'command', command: 'emacsclient -c' }, file, {})).toMatchObject({
      argv: expect.any(Array),
    });
  });
});

describe('opening the editor', () => {
  it('starts the editor detached with the file, and returns while it still runs', async () => {
    const dir = tempDir();
    const editor = fakeEditor(dir);
    const exercise = join(dir, "it's an exercise");
    mkdirSync(exercise);
    writeFileSync(join(exercise, 'notes.txt'), '');
    writeFileSync(join(exercise, 'Dockerfile'), 'FROM scratch\n');
    const file = await mainFile(exercise);
    expect(file).toBe(join(exercise, 'Dockerfile'));
    const begin = Date.now();
    const said = await openInEditor({ kind: 'command', command: editor.command }, file);
    expect(Date.now() - begin).toBeLessThan(2000);
    expect(said).toBe(`Opened ${file} in fake editor.sh.`);
    await waitFor(() => expect(editor.argv()).toEqual(['--new-window', file]), 5000);
  });

  it('says when the editor is not installed', async () => {
    const said = await openInEditor({ kind: 'command', command: 'no-such-editor-here' }, '/tmp/x');
    expect(said).toMatch(/^no-such-editor-here was not found/);
  });

  it('opens the folder when asked, and says where it is when nothing can open it', async () => {
    const dir = tempDir();
    const editor = fakeEditor(dir);
    await openInEditor({ kind: 'command', command: editor.command }, dir, true);
    await waitFor(() => expect(editor.argv()).toEqual(['--new-window', dir]), 5000);
    expect(await openInEditor({ kind: 'none' }, dir, true, {})).toMatch(`The exercise folder is ${dir}.`);
  });
});
