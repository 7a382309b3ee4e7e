/** Readers for the export tests: unzip an XLSX with fflate and read its sheets' cells back; parse RFC 4180 CSV. */
import { strFromU8, unzipSync } from 'fflate';

export type ParsedCell = string | number;

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Sheets by name → rows of cells (sparse rows filled with undefined). */
export function readXlsx(bytes: Uint8Array): { files: Record<string, string>; sheets: Map<string, (ParsedCell | undefined)[][]> } {
  const raw = unzipSync(bytes);
  const files = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, strFromU8(v)]));
  const rels = new Map([...files['xl/_rels/workbook.xml.rels']!.matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const sheets = new Map<string, (ParsedCell | undefined)[][]>();
  for (const m of files['xl/workbook.xml']!.matchAll(/<sheet name="([^"]+)" sheetId="\d+" r:id="([^"]+)"\/>/g)) {
    const xml = files[`xl/${rels.get(m[2]!)}`]!;
    const rows: (ParsedCell | undefined)[][] = [];
    for (const c of xml.matchAll(/<c r="([A-Z]+)(\d+)"(?: s="\d+")?( t="inlineStr")?>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g)) {
      const row = Number(c[2]) - 1, col = columnIndex(c[1]!);
      (rows[row] ??= [])[col] = c[3] ? unescapeXml(c[5]!) : Number(c[4]);
    }
    sheets.set(unescapeXml(m[1]!), rows);
  }
  return { files, sheets };
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
