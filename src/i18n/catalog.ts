// The program's own words, in one place: English (en.ts), which every key has, and the translations (de.ts so far).
// A key a language lacks is said in English. Plain data and one function: it imports no ink, react or marked, so
// every command may use it (test/unit/startup.test.ts). The course's own words (lessons, tasks, hints) are translated
// in the content files instead (src/lessons/localize.ts).
import { DE } from './de.js';
import { EN, type MessageKey } from './en.js';
import { chosenLanguage, ENGLISH } from './lang.js';

export type { MessageKey };

/** One language's words for some of the keys. */
export type Translation = Readonly<Partial<Record<MessageKey, string>>>;

/** The translations by language code; English is EN itself. */
export const CATALOGS: Readonly<Record<string, Translation>> = { de: DE };

/** The `{name}` placeholders of an English text, as a union of their names (never when it has none). */
type Placeholders<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The values a key's placeholders take: `msg('lesson.stepOf', { n, total })`; a missing one is a type error. */
export type MessageVars<K extends MessageKey> = { readonly [Name in Placeholders<(typeof EN)[K]>]: string | number };

/** The keys whose words take no values, for code that picks a key at run time (`key.${command}`). */
export type PlainMessageKey = {
  [K in MessageKey]: [Placeholders<(typeof EN)[K]>] extends [never] ? K : never;
}[MessageKey];

/** What msg takes after the key: values only when the key has placeholders, then the language. */
type MessageArgs<K extends MessageKey> = [Placeholders<(typeof EN)[K]>] extends [never]
  ? [vars?: MessageVars<K>, lang?: string]
  : [vars: MessageVars<K>, lang?: string];

/** The words for `key` in `lang` (the learner's language by default, else English), with its values filled in. */
export function msg<K extends MessageKey>(key: K, ...[vars, lang = chosenLanguage()]: MessageArgs<K>): string {
  return wordsIn(lang === ENGLISH ? {} : (CATALOGS[lang] ?? {}), key, vars ?? {});
}

/** `key` in `translation`, else in English, with each `{name}` replaced by vars[name]. */
export function wordsIn(
  translation: Translation,
  key: MessageKey,
  vars: Readonly<Record<string, string | number>>,
): string {
  const text = translation[key] ?? EN[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** How many of the English keys `lang` translates, for the note on what is left. */
export function catalogCoverage(lang: string): { translated: number; total: number } {
  const total = Object.keys(EN).length;
  return { translated: lang === ENGLISH ? total : Object.keys(CATALOGS[lang] ?? {}).length, total };
}
