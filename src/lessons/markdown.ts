// Renders lesson Markdown for a terminal (marked + marked-terminal, imported lazily), after filling templates.

/** Sandbox values a lesson may use: {{workspace}}, {{image:base/busybox}}, ... */
export type TemplateValues = Readonly<Record<string, string>>;

const PLACEHOLDER = /\{\{\s*([a-z]+(?:-[a-z]+)*(?::[a-z0-9/_-]+)?)\s*\}\}/g;

/** Replaces {{name}} with its value; unknown names stay visible so a reader notices them. */
export function fillTemplate(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

/** The placeholder names a text uses, for validating content. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** cli-table3's border characters, all empty: a table as plain columns, for a screen reader. */
const NO_BORDERS = Object.fromEntries(
  ['top', 'top-mid', 'top-left', 'top-right', 'bottom', 'bottom-mid', 'bottom-left', 'bottom-right']
    .concat(['left', 'left-mid', 'mid', 'mid-mid', 'right', 'right-mid', 'middle'])
    .map((name) => [name, '']),
);

/** `plain`: no box drawing (tables as columns, a rule as a blank line), for a screen reader. */
export async function renderMarkdown(markdown: string, width = 80, plain = false): Promise<string> {
  const [{ Marked }, { markedTerminal }] = await Promise.all([import('marked'), import('marked-terminal')]);
  const layout = plain ? { tableOptions: { chars: NO_BORDERS }, hr: () => '' } : {};
  const marked = new Marked(markedTerminal({ width, reflowText: true, showSectionPrefix: false, tab: 2, ...layout }), {
    // marked-terminal 7 prints list items' text raw (mikaelbr/marked-terminal#304, #371): parse its inline tokens.
    renderer: {
      text(token) {
        return 'tokens' in token && token.tokens ? this.parser.parseInline(token.tokens) : false;
      },
    },
  });
  return (await marked.parse(markdown)).trimEnd();
}
