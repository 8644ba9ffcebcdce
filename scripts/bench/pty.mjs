// Timing a program on a pseudo-terminal (util-linux `script`): its first visible output and when a text appears.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ENV, now } from './common.mjs';

const PTY_TIMEOUT_MS = 20_000;

// Terminal control sequences: CSI (ESC [ ... final byte: ?1049h, H, ?2026h, ?25l, colours), OSC and the other
// string sequences (ESC ] P X ^ _ ... up to BEL or ST), the short ESC ones (ESC ( B, ESC 7, ...), and a sequence
// cut off at the end of what has arrived so far (the rest is in the next chunk).
const CONTROL =
  // eslint-disable-next-line no-control-regex -- matching terminal escape sequences is this regex's whole purpose
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[ -/]*[0-OQ-WYZ\\`-~]|\x1b(?:\[[0-?]*[ -/]*|[\]PX^_][^\x07\x1b]*\x1b?|[ -/]*)$/g;
/** A character that shows on the screen: not whitespace, not a control character. */
// eslint-disable-next-line no-control-regex -- the control-character range is what it excludes
const VISIBLE = /[^\s\x00-\x1f\x7f-\x9f]/;

/** Whether terminal output is more than control sequences: something printable remains once they are gone. */
export const hasVisibleText = (output) => VISIBLE.test(output.replace(CONTROL, ''));

/**
 * Starts `shellCommand` on a pseudo-terminal (120x40) and resolves when `text` first appears on it; then kills
 * the command's process group (script made it a session of its own) and waits until script is gone too.
 * (Signalling script instead would cost 2 s: it sleeps between SIGTERM and SIGKILL to its child.)
 * `ms`: until `text` appeared; `firstText`: until the first output that is not only control sequences (the
 * alternate screen, cursor hiding, synchronized output): the first frame, whatever it draws.
 */
export function runToFrame(shellCommand, text, { cwd, env = ENV }) {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', `stty cols 120 rows 40 2>/dev/null; exec ${shellCommand}`, '/dev/null'], {
      cwd,
      env,
      detached: true, // its own process group, so we can stop script and everything it started
      stdio: ['pipe', 'pipe', 'pipe'], // stdin stays open: script must not see EOF
    });
    let firstText;
    let beforeText = ''; // all output until firstText: a control sequence may be split across chunks
    let frame;
    let frameAt;
    let tail = '';
    let output = '';
    let done = false;
    const stop = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const pid of childrenOf(child.pid)) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      }
      killTimer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 3000);
    };
    let killTimer;
    const timer = setTimeout(stop, PTY_TIMEOUT_MS);
    child.stdout.setEncoding('utf8'); // a character split across chunks is not two broken ones
    child.stdout.on('data', (d) => {
      const t = performance.now() - t0;
      if (firstText === undefined) {
        beforeText += d;
        if (hasVisibleText(beforeText)) firstText = t;
      }
      if (output.length < 20_000) output += d;
      tail = (tail + d).slice(-(text.length + 4096));
      if (frame === undefined && tail.includes(text)) {
        frame = t;
        frameAt = now();
        stop();
      }
    });
    child.stderr.on('data', () => {});
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      done = true;
      resolvePromise({ ms: frame, firstText, frameAt, code: frame === undefined ? 1 : 0, output });
    });
  });
}

function childrenOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
