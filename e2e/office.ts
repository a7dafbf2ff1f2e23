import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';

/** Splits CSV text (comma, double quotes, "" inside quotes) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/**
 * The first sheet of a workbook as LibreOffice reads it (formulas recomputed by LibreOffice, not
 * taken from the file), as rows of text: a second reader besides exceljs, the one a finance office
 * is likely to open the file with. `null` when LibreOffice is not installed; CI installs it and sets
 * BIANMIN_REQUIRE_LIBREOFFICE=1 so that a missing one fails instead.
 */
export function libreOfficeRows(xlsxPath: string): string[][] | null {
  if (!existsSync(SOFFICE)) {
    if (process.env.BIANMIN_REQUIRE_LIBREOFFICE === '1')
      throw new Error(
        `LibreOffice not found at ${SOFFICE} (apt-get install libreoffice-calc-nogui)`,
      );
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bianmin-lo-'));
  try {
    // Own profile folder: two conversions at once must not share one.
    execFileSync(
      SOFFICE,
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        // Comma-separated, double-quoted, UTF-8 (76).
        'csv:Text - txt - csv (StarCalc):44,34,76',
        '--outdir',
        dir,
        xlsxPath,
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    const csv = join(dir, basename(xlsxPath).replace(/\.[^.]+$/, '') + '.csv');
    return parseCsv(readFileSync(csv, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
