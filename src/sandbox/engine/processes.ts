// Lists the processes of a running container with the namespaces each one lives in, for the namespace checks.
// Pure: the kit runs `PROCESS_LIST_SCRIPT` in the container (busybox sh, readlink, cat) and parses the output.
import type { ContainerProcess } from './types.js';

const KINDS = ['pid', 'uts', 'mnt', 'net', 'ipc', 'user'] as const;

/** One line per process: pid, then kind=link for each namespace, then NSpid's numbers, then the command line. */
export const PROCESS_LIST_SCRIPT = [
  'for d in /proc/[0-9]*; do',
  '  p=${d#/proc/}; line="$p"',
  `  for k in ${KINDS.join(' ')}; do line="$line $k=$(readlink $d/ns/$k 2>/dev/null)"; done`,
  '  nspid=""; while read -r key rest; do [ "$key" = "NSpid:" ] && nspid=$(echo $rest | tr " " ","); done < $d/status 2>/dev/null',
  '  cmd=$(tr "\\0\\n" "  " < $d/cmdline 2>/dev/null)',
  '  echo "$line nspid=$nspid cmd=$cmd"',
  'done',
].join('\n');

export function parseProcessList(text: string): ContainerProcess[] {
  const processes: ContainerProcess[] = [];
  for (const line of text.split('\n')) {
    const match = /^(\d+) (.*?) nspid=([\d,]*) cmd=(.*)$/.exec(line);
    if (!match) continue;
    const namespaces: Record<string, string> = {};
    for (const pair of match[2].split(' ')) {
      const at = pair.indexOf('=');
      if (at > 0 && pair.length > at + 1) namespaces[pair.slice(0, at)] = pair.slice(at + 1);
    }
    processes.push({
      pid: Number(match[1]),
      namespaces,
      nspid: match[3] ? match[3].split(',').map(Number) : [Number(match[1])],
      command: match[4].trim(),
    });
  }
  return processes;
}
