// Which language the learner reads: --lang (passed on as CONTAINERLINGS_LANG), else the locale (LC_ALL, LC_MESSAGES,
// LANG). English is the course's own language and the fallback for anything not translated.

export const ENGLISH = 'en';

/** A language code as content files name it: `de` in lesson.de.md, README.de.md and exercise.yaml's translations. */
export const LANG_CODE = /^[a-z]{2,3}$/;

/** `de_DE.UTF-8` → de, `pt-BR` → pt, `C` and `POSIX` → en; undefined for what is no language at all. */
export function languageOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value === 'C' || value === 'POSIX' || value.startsWith('C.')) return ENGLISH;
  const code = /^([A-Za-z]{2,3})(?:[_.@-]|$)/.exec(value)?.[1]?.toLowerCase();
  return code && LANG_CODE.test(code) ? code : undefined;
}

/** The first of CONTAINERLINGS_LANG, LC_ALL, LC_MESSAGES and LANG that names a language; else English. */
export function chosenLanguage(env: NodeJS.ProcessEnv = process.env): string {
  for (const name of ['CONTAINERLINGS_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const lang = languageOf(env[name]);
    if (lang) return lang;
  }
  return ENGLISH;
}
