import { EventEmitter } from 'node:events';
import { render } from 'ink';
import { render as renderForTest } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app.js';
import type { LessonView } from '../../src/ui/model.js';
import { runTui } from '../../src/ui/run-tui.js';
import { fakeActions, lessons } from './fake-actions.js';
import { waitFor } from './render-helper.js';

/** A TTY-like stdin that records raw mode, so tests can see the terminal put back. */
class FakeStdin extends EventEmitter {
  isTTY = true;
  rawMode = false;
  private data: string | null = null;
  setRawMode(mode: boolean) {
    this.rawMode = mode;
    return this;
  }
  setEncoding() {}
  ref() {}
  unref() {}
  resume() {}
  pause() {}
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  press(data: string) {
    this.data = data;
    this.emit('readable');
  }
}

class FakeStdout extends EventEmitter {
  columns = 100;
  rows = 40;
  output = '';
  write = (chunk: string) => {
    this.output += chunk;
    return true;
  };
}

function terminal() {
  const stdin = new FakeStdin();
  const stdout = new FakeStdout();
  const options = { stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream };
  return { stdin, stdout, options };
}

describe('runTui', () => {
  it('resolves with a quit at the current location on q, and leaves raw mode', async () => {
    const { actions } = fakeActions();
    const { stdin, options } = terminal();
    const done = runTui(actions, { screen: 'lesson', lessonId: 'images', step: 1 }, options);
    // Raw mode on means the key handler is subscribed.
    await waitFor(() => expect(stdin.rawMode).toBe(true));
    stdin.press('q');
    await expect(done).resolves.toEqual({ kind: 'quit', location: { screen: 'lesson', lessonId: 'images', step: 1 } });
    expect(stdin.rawMode).toBe(false);
  });

  it('resolves with a shell request naming the open exercise on t', async () => {
    const { actions } = fakeActions();
    const { stdin, stdout, options } = terminal();
    const done = runTui(actions, { screen: 'exercise', exerciseId: 'slim-image' }, options);
    await waitFor(() => expect(stdout.output).toContain('Make it slim'));
    stdin.press('t');
    await expect(done).resolves.toEqual({
      kind: 'shell',
      location: { screen: 'exercise', exerciseId: 'slim-image' },
      exerciseId: 'slim-image',
    });
    expect(stdin.rawMode).toBe(false);
  });

  it('quits on ctrl-c when nothing runs', async () => {
    const { actions } = fakeActions();
    const { stdin, options } = terminal();
    const done = runTui(actions, { screen: 'lessons' }, options);
    await waitFor(() => expect(stdin.rawMode).toBe(true));
    stdin.press('\u0003');
    await expect(done).resolves.toEqual({ kind: 'quit', location: { screen: 'lessons' } });
  });

  it('rejects after unmounting when a render throws', async () => {
    // A lesson without `steps` breaks the lesson screen's render: our bug, which must not leave the terminal raw.
    const broken = [{ ...lessons[0], steps: undefined }] as unknown as readonly LessonView[];
    const { actions } = fakeActions({ lessons: async () => broken });
    const { stdin, options } = terminal();
    const done = runTui(actions, { screen: 'lesson', lessonId: 'images', step: 0 }, options);
    await expect(done).rejects.toThrow(TypeError);
    expect(stdin.rawMode).toBe(false);
  });
});

describe('input gating', () => {
  it('renders without reading keys when stdin is not a TTY (where useInput would throw)', async () => {
    const { actions } = fakeActions();
    const { stdin, stdout, options } = terminal();
    stdin.isTTY = false;
    const instance = render(<App actions={actions} start={{ screen: 'lessons' }} />, {
      ...options,
      patchConsole: false,
    });
    const exited = instance.waitUntilExit();
    await waitFor(() => expect(stdout.output).toContain('1/3 exercises passed'));
    instance.unmount();
    await expect(exited).resolves.toBeUndefined();
    expect(stdin.listenerCount('readable')).toBe(0);
  });

  it('ignores keys when interactive is false, even on a TTY', async () => {
    const exits: unknown[] = [];
    const { actions } = fakeActions();
    const ui = renderForTest(
      <App actions={actions} start={{ screen: 'lessons' }} interactive={false} onExit={(r) => exits.push(r)} />,
    );
    await waitFor(() => expect(ui.lastFrame()).toContain('❯ 1. Images'));
    ui.stdin.write('j');
    ui.stdin.write('q');
    expect(ui.lastFrame()).toContain('❯ 1. Images');
    expect(exits).toEqual([]);
    ui.unmount();
  });
});
