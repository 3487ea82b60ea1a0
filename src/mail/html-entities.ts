// Stands in for entities/lib/decode.js (wrangler.toml [alias]), which React Email's
// plain-text conversion uses to decode the HTML it reads back. That HTML is React's own
// rendering, whose only escapes are the five below and numeric references; the package's
// table of all 2,231 HTML entities is ~20 KiB gzip of the upload. test/worker/mail-templates
// compares every mail's text with its HTML.
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeHTML(html: string): string {
  return html.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (hex !== undefined || dec !== undefined) {
      const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
    }
    return NAMED[name!.toLowerCase()] ?? whole;
  });
}

export const decodeHTMLAttribute = decodeHTML;
