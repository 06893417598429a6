/**
 * A text cell value that a spreadsheet program will not run as a formula: values starting with
 * = + - @ (or a tab / carriage return that some programs strip first) get a leading apostrophe.
 */
export function safeCellText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
