export type CsvCell = string | number | boolean | null;

/**
 * RFC 4180 CSV: a header row, CRLF line ends, a field quoted (quotes doubled) when it holds
 * a comma, a quote, CR or LF. A text cell a spreadsheet would run as a formula (starting
 * with = + - @, tab or CR) is prefixed with ' (OWASP's CSV injection advice).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

function csvField(cell: CsvCell): string {
  if (cell === null) return "";
  let text = String(cell);
  if (typeof cell === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
