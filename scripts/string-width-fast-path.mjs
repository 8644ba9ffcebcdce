// An esbuild plugin for the CLI bundle: string-width (which ink uses to measure every line it draws) answers at
// once for plain ASCII, but any other character sends it through Intl.Segmenter and an emoji regex, whose first
// use costs about 35 ms. The TUI's first frame always has a few symbols (❯, ·), so that cost fell on every start.
// This widens string-width's own fast path to a short list of symbols it measures as one column itself; the
// unit test (test/unit/string-width-fast-path.test.ts) proves that, for every version of string-width installed.
import { readFile } from 'node:fs/promises';

/**
 * Symbols the TUI draws that every copy of string-width measures as one column. Not ✔, which string-width 7
 * (wrap-ansi's) measures as 2 and string-width 8 as 1: the TUI marks a pass with ✓.
 */
export const NARROW_SYMBOLS = '·…❯✓✘↑↓←→●';

/** The line added right after string-width strips ANSI codes and returns 0 for an empty string. */
export const FAST_PATH =
  `\tif (ambiguousIsNarrow && /^[\\u0020-\\u007E${NARROW_SYMBOLS}]*$/u.test(string)) {\n` +
  `\t\treturn string.length;\n\t}\n`;

const ANCHOR = /(\tif \(string\.length === 0\) \{\n\t\treturn 0;\n\t\}\n)/;

/**
 * string-width's source with the fast path. Versions before 5 (CommonJS, no ambiguousIsNarrow option; cli-table3
 * uses one for Markdown tables, never in the first frame) are left as they are. A later version without the anchor
 * fails the build, so a change in string-width cannot silently turn the patch off.
 */
export function addFastPath(source) {
  if (!source.includes('ambiguousIsNarrow = true')) return source;
  if (!ANCHOR.test(source))
    throw new Error('string-width changed shape: update scripts/string-width-fast-path.mjs (or drop the plugin).');
  return source.replace(ANCHOR, `$1\n${FAST_PATH}`);
}

export const stringWidthFastPath = {
  name: 'string-width-fast-path',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, async (args) => ({
      contents: addFastPath(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};
