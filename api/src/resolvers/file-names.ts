/**
 * Drop files and their sheets are named by the people who fill them (`rekap_Bambang_Pamungkas.xlsx`,
 * a sheet `Data Pak Bambang`), so a name can be personal. The ETL quotes them where the admin needs
 * them to find the file: a run's error (`files:<name>: header does not match table …`, the sheets of
 * a workbook that holds several) and the source of a quarantine count (`files:<name>`,
 * `xapi:<name>`). The run log keeps them; below admin the API answers with placeholders
 * (`files:<file>`, `<sheet>`, `'<path>'`, `<path>` for a path written without quotes), saying what
 * kind of problem it was without the name.
 */

export const FILE_PLACEHOLDER = '<file>';
export const SHEET_PLACEHOLDER = '<sheet>';
export const PATH_PLACEHOLDER = '<path>';

/**
 * A source label, `<source>:<name>` (`files:${basename}`, `xapi:${basename}` in etl/src/sources, and
 * any source added later, whose labels the ETL writes the same way): a lower-case label other than
 * `postgres` (which names no file), a colon, and a name that starts with no space and runs to the
 * `: ` that follows the label in every message, a `/` (`<source>/<table>`), or the end of the line.
 * Any label, not a list of the known ones: a new source's file names are redacted without an edit
 * here (a contributor's review of 2026-12-06 added a source by the README and saw
 * `legacy:enrollments.csv` as a planner). A word such as `line:3` is redacted too: below admin a
 * lost detail costs less than a name.
 */
const SOURCE_LABEL = /\b(?!postgres:)([a-z][a-z0-9_-]*):(\S.*?)(?=: |\/|$)/gm;

/**
 * The sheet names an `AmbiguousSheetsError` lists: `2 sheets hold rows (A, B) and none is named
 * employees`, `2 sheets named after tables hold rows (A, B): a workbook loads one table` and `1
 * other sheet(s) hold rows under its header (A): copy the rows into it` (an empty template sheet).
 * A new wording of that error must be added here (file-names.test.ts lists each).
 */
const SHEET_LIST =
  /(\d+ sheets(?: named after tables)? hold rows |\d+ other sheet\(s\) hold rows under its header )\((.*?)\)(?= and none is named |: a workbook loads one table|: copy the rows into it)/g;

/** The start of an absolute path: POSIX (`/srv/drops`), Windows (`C:\drops`, `C:/drops`) or UNC (`\\server\share`). */
const ABSOLUTE = String.raw`(?:\/|[A-Za-z]:[\\/]|\\\\)`;

/**
 * An absolute path in quotes, as Node's file errors and the ETL write one (`open
 * '/drops/rekap_Bambang.xlsx'`, `files:<name>: '/drops/<name>' is a directory`): it may hold spaces,
 * and runs to the first same quote that ends it (followed by the end of the line, a space or
 * punctuation), so a quote inside a name (`'/drops/rekap_O'Brien.xlsx'`) does not end it early.
 */
const QUOTED_PATH = new RegExp(String.raw`(['"])${ABSOLUTE}[^\n]*?\1(?=$|[\s:;,.)\]])`, 'gm');

/**
 * An absolute path without quotes, as a message may write one (`files:<name>: /drops/<name> is a
 * directory`: a privacy review of 2026-12-06 saw such paths reach an analyst), or one in quotes
 * QUOTED_PATH did not take: after the start of the line, a space, a quote, `=` or an opening bracket
 * (not inside a word: `files:<file>/employees`, `III/a`, `2024/12/31` are no paths), up to a space,
 * a quote, or a `:` followed by a space (`/drops/x.xlsx: too large`); punctuation that ends a clause
 * (`.`, `,`, `;`, `)`) is left after it. Any path, not a list of the messages that write one: a new
 * message's path is redacted without an edit here. Without quotes a path cannot be told to hold a
 * space: the words after one stay (`/drops/Rekap (1).xlsx` reads `<path> (1).xlsx`), which is why
 * the ETL quotes the paths it names.
 */
const BARE_PATH = new RegExp(
  String.raw`(?<=^|[\s(\[='"])${ABSOLUTE}[^\s'"]+?(?=[.,;)\]]*(?:$|[\s'"]|:(?:\s|$)))`,
  'gm',
);

/** A source label without its file name: `files:rekap_Bambang.xlsx` → `files:<file>` (any source's label); `postgres` as is. */
export function withoutFileName(source: string): string {
  return source.replace(SOURCE_LABEL, (_, kind: string) => `${kind}:${FILE_PLACEHOLDER}`);
}

/** A run's error text without the file names, sheet names and absolute paths it names, quoted or not. */
export function withoutFileNames(text: string): string {
  return withoutFileName(text)
    .replace(SHEET_LIST, (_, head: string) => `${head}(${SHEET_PLACEHOLDER}, …)`)
    .replace(QUOTED_PATH, (_, quote: string) => `${quote}${PATH_PLACEHOLDER}${quote}`)
    .replace(BARE_PATH, PATH_PLACEHOLDER);
}
