// Local types for marked-terminal 7: @types/marked-terminal describes an older API (a Renderer class).
declare module 'marked-terminal' {
  import type { MarkedExtension } from 'marked';
  export interface TerminalRendererOptions {
    readonly width?: number;
    readonly reflowText?: boolean;
    readonly showSectionPrefix?: boolean;
    readonly tab?: number | string;
    readonly emoji?: boolean;
    readonly unescape?: boolean;
  }
  export function markedTerminal(
    options?: TerminalRendererOptions,
    highlightOptions?: Record<string, unknown>,
  ): MarkedExtension;
}
