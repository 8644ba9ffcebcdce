// Each command takes only the options it declares (src/cli/catalog.ts): the built binary refuses the others with
// exit 2, says which it takes, and `<command> --help` lists that command's own options.
import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../../src/cli/args.js';
import { COMMANDS } from '../../src/cli/catalog.js';
import { OPTIONS } from '../../src/cli/options.js';
import { runCli, STACK_FRAME, tempDir } from '../support/cli.js';

describe('options per command, in the built binary', () => {
  it('refuses an option the command does not take, with exit 2 and what it does take', async () => {
    const { code, stdout, stderr } = await runCli(['check', 'first-image', '--cluster', 'x']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^`containerlings check` does not take --cluster; it takes --json, --watch, --all/);
    expect(stderr).toContain('Run `containerlings check --help` to see its options.');
    expect(stderr).not.toMatch(STACK_FRAME);
  });

  it('refuses the option before the command too, and an option no command knows', async () => {
    expect((await runCli(['--student', 'ann', 'list'])).stderr).toMatch(
      /`containerlings list` does not take --student/,
    );
    const typo = await runCli(['lint', '--jsn']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/^Unknown option '--jsn'\.\nRun `containerlings lint --help`/);
  });

  it('keeps the options a command takes: lint --json', async () => {
    const dir = tempDir();
    const { code, stdout } = await runCli(['lint', dir, '--json']);
    expect(code).toBe(2); // no Dockerfile there: the command ran, with --json accepted
    expect(stdout).toBe('');
    const linted = await runCli(['lint', 'exercises/first-image/solution', '--json']);
    expect([0, 1], linted.stderr).toContain(linted.code); // 1: it has findings, which is not what this test is about
    expect(JSON.parse(linted.stdout)).toHaveProperty('findings');
  });

  it("`<command> --help` lists that command's options and no others", async () => {
    const { code, stdout } = await runCli(['ecs', '--help']);
    expect(code).toBe(0);
    for (const own of ['--cluster NAME', '--subnets', '--security-groups', '--yes', '--json', '--help'])
      expect(stdout).toContain(own);
    for (const other of ['--watch', '--junit', '--student', '--csv', '--give-up']) expect(stdout).not.toContain(other);
    const lint = (await runCli(['lint', '--help'])).stdout;
    expect(lint.match(/^ {2}(-\w, )?--[\w-]+/gm)).toEqual(['  --json', '  -h, --help', '  -v, --version']);
  });

  it('`--help` groups the commands by audience, and names every command once', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    const groups = ['Learn:', 'Teach:', 'Cloud:', 'Tools:'].map((g) => stdout.indexOf(`\n${g}`));
    expect(groups.every((at, i) => at > 0 && (i === 0 || at > groups[i - 1]!))).toBe(true);
    for (const name of Object.keys(COMMANDS).filter((n) => n !== 'tui'))
      expect(stdout.match(new RegExp(`^ {2}containerlings ${name}\\b`, 'gm'))).toHaveLength(1);
    expect(stdout.indexOf('containerlings selftest')).toBeGreaterThan(groups[1]!);
  });
});

describe('parsing', () => {
  it('reads a value option as a value, wherever it stands', () => {
    expect(parseInvocation(['--workspace', 'ws', 'check', 'adder'])).toMatchObject({
      command: 'check',
      positionals: ['adder'],
      workspace: 'ws',
    });
  });

  it('says when a value is missing or a switch is given one', () => {
    expect(() => parseInvocation(['check', 'adder', '--workspace'])).toThrow(/--workspace needs a value/);
    expect(() => parseInvocation(['check', 'adder', '--json=yes'])).toThrow(/--json takes no value/);
  });

  it('every declared option exists, and every option is taken by some command', () => {
    const taken = new Set(Object.values(COMMANDS).flatMap((c) => Object.keys(c.takes)));
    for (const name of taken) expect(OPTIONS).toHaveProperty([name]);
    for (const name of Object.keys(OPTIONS).filter((n) => n !== 'help' && n !== 'version'))
      expect(taken).toContain(name);
  });
});
