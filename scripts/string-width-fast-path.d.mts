// Types for scripts/string-width-fast-path.mjs (imported by its unit test).
import type { Plugin } from 'esbuild';

export declare const NARROW_SYMBOLS: string;
export declare const FAST_PATH: string;
export declare function addFastPath(source: string): string;
export declare const stringWidthFastPath: Plugin;
