// The terminal's size, read again on every resize: the body viewport is as tall as the rows left over.
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  readonly rows: number;
  readonly columns: number;
}

/** What a terminal that does not say its size (a pipe, a test's fake stdout) is taken to be. */
export const defaultSize: TerminalSize = { rows: 24, columns: 80 };

export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => measure(stdout));
  useEffect(() => {
    // ink redraws on resize by itself but does not re-render components, and it does not even listen in CI.
    // Keeping the old object when nothing changed spares a re-render.
    const onResize = () =>
      setSize((old) => {
        const now = measure(stdout);
        return now.rows === old.rows && now.columns === old.columns ? old : now;
      });
    stdout.on('resize', onResize);
    onResize();
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

function measure(stdout: NodeJS.WriteStream): TerminalSize {
  return { rows: stdout.rows || defaultSize.rows, columns: stdout.columns || defaultSize.columns };
}
