// Parsing the process list the kit reads from a container (/proc/<pid>/ns links, NSpid, command line).
import { describe, expect, it } from 'vitest';
import { parseProcessList } from '../../src/sandbox/engine/processes.js';

// Recorded in a sandbox container after: docker exec -d ... unshare --pid --fork --mount-proc sleep 86400
const LISTING = [
  '1 pid=pid:[4026532183] uts=uts:[4026532181] mnt=mnt:[4026532180] net=net:[4026532184] ipc=ipc:[4026532182] ' +
    'user=user:[4026531837] nspid=1 cmd=sh ',
  '8 pid=pid:[4026532183] uts=uts:[4026532181] mnt=mnt:[4026532180] net=net:[4026532184] ipc=ipc:[4026532182] ' +
    'user=user:[4026531837] nspid=8 cmd=unshare --pid --fork --mount-proc sleep 86400 ',
  '14 pid=pid:[4026532254] uts=uts:[4026532181] mnt=mnt:[4026532253] net=net:[4026532184] ipc=ipc:[4026532182] ' +
    'user=user:[4026531837] nspid=14,1 cmd=sleep 86400 ',
  '99 pid= uts= mnt= net= ipc= user= nspid= cmd=',
].join('\n');

describe('parseProcessList', () => {
  it("reads each process's namespaces, its PID in every nested PID namespace, and its command", () => {
    const [init, unshare, sleeper, gone] = parseProcessList(LISTING);
    expect(init).toEqual({
      pid: 1,
      namespaces: expect.objectContaining({ pid: 'pid:[4026532183]', uts: 'uts:[4026532181]' }),
      nspid: [1],
      command: 'sh',
    });
    expect(unshare.command).toBe('unshare --pid --fork --mount-proc sleep 86400');
    expect(sleeper).toMatchObject({
      pid: 14,
      nspid: [14, 1],
      namespaces: { pid: 'pid:[4026532254]', mnt: 'mnt:[4026532253]' },
    });
    // A process that exited while the list was read has no readable links: kept, with no namespaces.
    expect(gone).toEqual({ pid: 99, namespaces: {}, nspid: [99], command: '' });
  });

  it('ignores lines that are not process entries', () => {
    expect(parseProcessList('sh: readlink: not found\n\n')).toEqual([]);
  });
});
