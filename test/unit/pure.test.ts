// Pure parts: multiplexed log frames, argument parsing, templates, engine addresses.
import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../../src/cli/args.js';
import { describeError, UserError } from '../../src/errors.js';
import { fillTemplate, placeholders } from '../../src/lessons/markdown.js';
import { demultiplex } from '../../src/sandbox/engine/containers.js';
import { explainEngineError, resolveEndpoint } from '../../src/sandbox/engine/connection.js';

const frame = (type: number, text: string) => {
  const body = Buffer.from(text);
  const head = Buffer.alloc(8);
  head[0] = type;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
};

describe('demultiplex', () => {
  it('splits stdout and stderr frames', () => {
    const out = demultiplex(Buffer.concat([frame(1, 'hello '), frame(2, 'oops'), frame(1, 'world')]));
    expect(out).toEqual({ stdout: 'hello world', stderr: 'oops' });
  });
  it('passes a TTY stream through as stdout', () => {
    expect(demultiplex(Buffer.from('plain text output'))).toEqual({ stdout: 'plain text output', stderr: '' });
  });
});

describe('arguments', () => {
  it('defaults to the TUI and reads flags', () => {
    expect(parseInvocation([]).command).toBe('tui');
    const inv = parseInvocation(['check', 'adder', '--json', '-w', '/tmp/ws']);
    expect(inv).toMatchObject({ command: 'check', positionals: ['adder'], json: true, workspace: '/tmp/ws' });
  });
  it('rejects unknown commands and options with a next step', () => {
    expect(() => parseInvocation(['chek'])).toThrow(UserError);
    expect(() => parseInvocation(['list', '--jsn'])).toThrow(/Unknown option '--jsn'/);
  });
});

describe('templates', () => {
  it('fills known names and leaves unknown ones visible', () => {
    const text = 'FROM {{image:base/busybox}} in {{ workspace }} at {{registry}}';
    expect(fillTemplate(text, { 'image:base/busybox': 'containerlings/busybox', workspace: '/w' })).toBe(
      'FROM containerlings/busybox in /w at {{registry}}',
    );
    expect(placeholders(text)).toEqual(['image:base/busybox', 'workspace', 'registry']);
  });
});

describe('engine addresses and errors', () => {
  it('prefers DOCKER_HOST, then the default socket', async () => {
    expect(await resolveEndpoint({ DOCKER_HOST: 'tcp://10.0.0.5:2375' })).toBe('tcp://10.0.0.5:2375');
    expect(await resolveEndpoint({ DOCKER_CONFIG: '/nonexistent' })).toBe('unix:///var/run/docker.sock');
  });
  it('turns a refused connection into a next step, and keeps stacks for bugs only', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const explained = explainEngineError(refused, 'unix:///x.sock');
    expect(explained).toBeInstanceOf(UserError);
    expect(describeError(explained)).toMatch(
      /Docker is not running: nothing answers at unix:\/\/\/x\.sock\.\nStart it/,
    );
    expect(describeError(new TypeError('boom'))).toMatch(/containerlings hit a bug: boom\nTypeError: boom\n\s+at /);
  });
});
