// The program's own words, in one place: English, which every key has, and the translations (German so far). A key
// a language lacks is said in English. Plain data and one function: it imports no ink, react or marked, so every
// command may use it (test/unit/startup.test.ts). The course's own words (lessons, tasks, hints) are translated in
// the content files instead (src/lessons/localize.ts).
import { chosenLanguage, ENGLISH } from './lang.js';

const EN = {
  // The TUI's keys (src/ui/keys.ts): `key.<command>` is the status bar's word, `.help` the help overlay's line.
  'key.down': 'down',
  'key.down.help': 'Move the selection down',
  'key.up': 'up',
  'key.up.help': 'Move the selection up',
  'key.open': 'open',
  'key.open.help': 'Open the selected lesson',
  'key.next': 'next',
  'key.next.help': "Next step, then the lesson's exercises",
  'key.previous': 'prev',
  'key.previous.help': 'Previous step or exercise',
  'key.run': 'run',
  'key.run.help': "Run this step's shell block in the sandbox",
  'key.runBlock': 'run block',
  'key.runBlock.help': 'Run shell block N when a step has several',
  'key.check': 'check',
  'key.check.help': 'Check your work against the engine',
  'key.hint': 'hint',
  'key.hint.help': 'Show the next hint',
  'key.reset': 'reset',
  'key.reset.help': 'Reset to the starter files (asks first; your files are backed up)',
  'key.solution': 'solution',
  'key.solution.help': 'Show the solution (unlocked by a pass or a give-up)',
  'key.giveUp': 'give up',
  'key.giveUp.help': 'Give up and unlock the solution (asks first)',
  'key.watch': 'watch',
  'key.watch.help': 'Watch mode: check again whenever a file in the exercise folder is saved',
  'key.edit': 'open folder',
  'key.edit.help': 'Open the exercise folder in your editor (or the file manager)',
  'key.back': 'back',
  'key.back.help': 'Go back (exercise → lesson → list); closes an open panel',
  'key.lineDown': 'scroll',
  'key.lineDown.help': 'Scroll down one line',
  'key.lineUp': 'scroll up',
  'key.lineUp.help': 'Scroll up one line',
  'key.pageDown': 'page down',
  'key.pageDown.help': 'Scroll down one page',
  'key.pageUp': 'page up',
  'key.pageUp.help': 'Scroll up one page',
  'key.top': 'top',
  'key.top.help': 'Scroll to the top',
  'key.bottom': 'bottom',
  'key.bottom.help': 'Scroll to the bottom',
  'key.shell': 'shell',
  'key.shell.help': 'Open a shell in the sandbox; type exit to come back',
  'key.help': 'help',
  'key.help.help': 'Show or hide this help',
  'key.quit': 'quit',
  'key.quit.help': 'Quit (your place is saved)',
  'key.yes': 'yes',
  'key.yes.help': 'Confirm',
  'key.no': 'no',
  'key.no.help': 'Do not do it',
  'key.cancel': 'cancel',
  'key.cancel.help': 'Cancel the running check, reset or command',
  // Outcomes and statuses (src/outcome-theme.ts).
  'outcome.pass': 'pass',
  'outcome.fail': 'fail',
  'outcome.error': 'error',
  'status.notYet': 'not yet',
  // containerlings check
  'check.try': 'Try:',
  'check.watching': 'Watching {dir}; save a file to check again, Ctrl-C to stop.',
  // containerlings list
  'list.lesson': '({id}, {passed}/{total} passed)',
  'list.unavailable': '{title} ({id}, unavailable: {why})',
  'list.noWorkspace': 'No workspace yet: `containerlings init` creates one.',
  'list.translated':
    'In {lang}: {lessons} lessons, {readmes} exercise tasks and {hints} hints; the rest is in English.',
} as const;

export type MessageKey = keyof typeof EN;

const DE: Partial<Record<MessageKey, string>> = {
  'key.down': 'runter',
  'key.down.help': 'Auswahl nach unten',
  'key.up': 'hoch',
  'key.up.help': 'Auswahl nach oben',
  'key.open': 'öffnen',
  'key.open.help': 'Die gewählte Lektion öffnen',
  'key.next': 'weiter',
  'key.next.help': 'Nächster Schritt, danach die Übungen der Lektion',
  'key.previous': 'zurück',
  'key.previous.help': 'Vorheriger Schritt oder vorherige Übung',
  'key.run': 'ausführen',
  'key.run.help': 'Den Shell-Block dieses Schritts in der Sandbox ausführen',
  'key.runBlock': 'Block ausführen',
  'key.runBlock.help': 'Shell-Block N ausführen, wenn ein Schritt mehrere hat',
  'key.check': 'prüfen',
  'key.check.help': 'Deine Arbeit gegen die Engine prüfen',
  'key.hint': 'Tipp',
  'key.hint.help': 'Den nächsten Tipp zeigen',
  'key.reset': 'zurücksetzen',
  'key.reset.help': 'Auf die Startdateien zurücksetzen (fragt vorher; deine Dateien werden gesichert)',
  'key.solution': 'Lösung',
  'key.solution.help': 'Die Lösung zeigen (freigeschaltet nach Bestehen oder Aufgeben)',
  'key.giveUp': 'aufgeben',
  'key.giveUp.help': 'Aufgeben und die Lösung freischalten (fragt vorher)',
  'key.watch': 'beobachten',
  'key.watch.help': 'Watch-Modus: bei jedem Speichern im Übungsordner erneut prüfen',
  'key.edit': 'Ordner öffnen',
  'key.edit.help': 'Den Übungsordner im Editor (oder Dateimanager) öffnen',
  'key.back': 'zurück',
  'key.back.help': 'Zurück (Übung → Lektion → Liste); schließt ein offenes Panel',
  'key.lineDown': 'scrollen',
  'key.lineDown.help': 'Eine Zeile nach unten scrollen',
  'key.lineUp': 'hochscrollen',
  'key.lineUp.help': 'Eine Zeile nach oben scrollen',
  'key.pageDown': 'Seite runter',
  'key.pageDown.help': 'Eine Seite nach unten scrollen',
  'key.pageUp': 'Seite hoch',
  'key.pageUp.help': 'Eine Seite nach oben scrollen',
  'key.top': 'Anfang',
  'key.top.help': 'Zum Anfang scrollen',
  'key.bottom': 'Ende',
  'key.bottom.help': 'Zum Ende scrollen',
  'key.shell': 'Shell',
  'key.shell.help': 'Eine Shell in der Sandbox öffnen; mit exit kommst du zurück',
  'key.help': 'Hilfe',
  'key.help.help': 'Diese Hilfe zeigen oder ausblenden',
  'key.quit': 'beenden',
  'key.quit.help': 'Beenden (deine Position wird gespeichert)',
  'key.yes': 'ja',
  'key.yes.help': 'Bestätigen',
  'key.no': 'nein',
  'key.no.help': 'Lieber nicht',
  'key.cancel': 'abbrechen',
  'key.cancel.help': 'Die laufende Prüfung, das Zurücksetzen oder den Befehl abbrechen',
  'outcome.pass': 'bestanden',
  'outcome.fail': 'nicht bestanden',
  'outcome.error': 'Fehler',
  'status.notYet': 'noch nicht',
  'check.try': 'Als Nächstes:',
  'check.watching': 'Beobachte {dir}; speichere eine Datei, um erneut zu prüfen, Strg-C beendet.',
  'list.lesson': '({id}, {passed}/{total} bestanden)',
  'list.unavailable': '{title} ({id}, nicht verfügbar: {why})',
  'list.noWorkspace': 'Noch kein Workspace: `containerlings init` legt einen an.',
  'list.translated':
    'Auf Deutsch ({lang}): {lessons} Lektionen, {readmes} Aufgabentexte und {hints} Tipps; der Rest ist auf Englisch.',
};

/** The translations by language code; English is EN itself. */
export const CATALOGS: Readonly<Record<string, Partial<Record<MessageKey, string>>>> = { de: DE };

/** The words for `key` in `lang` (else English), with each `{name}` replaced by vars[name]. */
export function msg(key: MessageKey, vars: Record<string, string | number> = {}, lang = chosenLanguage()): string {
  const text = (lang === ENGLISH ? undefined : CATALOGS[lang]?.[key]) ?? EN[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** How many of the English keys `lang` translates, for the note on what is left. */
export function catalogCoverage(lang: string): { translated: number; total: number } {
  const total = Object.keys(EN).length;
  return { translated: lang === ENGLISH ? total : Object.keys(CATALOGS[lang] ?? {}).length, total };
}
