/**
 * What a worker list may be. Each limit is checked before the file is parsed (read-table.ts,
 * zip-guard.ts), so a file that cannot be a worker list never reaches exceljs, which holds the whole
 * workbook in memory (about 0.8 KB per cell).
 *
 * Measured (exceljs 4.4, Node 20): the app's own XLSX template filled with 5,000 workers, all eight
 * columns filled, unpacks to 2.7 MB: the data sheet 1.8 MB (40,000 cells), shared strings 0.8 MB.
 * The same 5,000 rows with 12 columns as inline strings (how some generators write them) make a
 * 4.7 MB sheet. exceljs then costs +38 MB of memory for the template file and +86 MB for the worst
 * file these limits let through (100,000 cells of 70 characters, 11.8 MB of XML).
 */

/** The upload itself. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Data rows per file: LIK Takaru has some 1,500 workers; a bigger file is a mistake or an attack. */
export const MAX_ROWS = 5000;
/** Columns read per row; cells beyond are ignored. */
export const MAX_COLUMNS = 50;
/** Everything an XLSX unpacks to: 6× the template file above, 3× the 12-column inline-string file. */
export const MAX_UNZIPPED_BYTES = 16 * 1024 * 1024;
/** xl/sharedStrings.xml: 10× the template file's. */
export const MAX_SHARED_STRINGS_BYTES = 8 * 1024 * 1024;
/**
 * Cells (`<c>`) in all sheets together, empty formatted ones included (exceljs keeps each): 20 per
 * row at 5,000 rows, where the template has 8 columns; at the measured cost three such uploads at
 * once stay under +300 MB.
 */
export const MAX_CELLS = 100_000;
/** Row elements in all sheets together: Excel also writes formatted empty rows. */
export const MAX_ROW_ELEMENTS = 4 * (MAX_ROWS + 1);
/** Shared strings: each is there for at least one cell. */
export const MAX_SHARED_STRINGS = MAX_CELLS;
