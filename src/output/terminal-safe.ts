/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts colour, cursor, title
 * and clipboard sequences), DEL, C1 controls (0x9b is a one-byte CSI), and the Unicode bidi
 * controls that reorder what is shown. Tabs and newlines are included: inside a table cell or an
 * error line they break the layout.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from outside wmctl (display names, descriptions, echoed arguments, service messages) as it
 * may be printed on a terminal: every unsafe character is shown as an escape (`\x1b`, `\u202e`),
 * so a name cannot clear the screen, retitle the window or hide text. Data formats (JSON, CSV)
 * keep the data as it is; tables, tab-separated rows, status lines and errors go through this.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** terminalSafe for wmctl's own multi-line messages (status, notes, hints): line breaks and tabs are kept. */
export function terminalSafeLines(text: string): string {
  return text
    .split("\n")
    .map((line) => line.split("\t").map(terminalSafe).join("\t"))
    .join("\n");
}
