/**
 * Counts the elements of spreadsheet XML as it streams out of the ZIP, without parsing it: rows,
 * cells and values of a worksheet, items of the shared strings. A tag is `<name` (an optional
 * namespace prefix allowed, as in `<x:row>`) followed by a space, `/` or `>`, so `<col` is not `<c`.
 * Bytes are read as latin1: the tags are ASCII, and a UTF-8 letter never looks like one.
 */
export type CountedTag = 'row' | 'c' | 'v' | 'is' | 'f' | 'si';

const TAG = /<(?:[A-Za-z_][\w.-]{0,15}:)?(row|c|v|is|f|si)[\s/>]/g;
/** Longer than any match of TAG, so a tag split between two chunks is found in the second. */
const CARRY = 32;

export class XmlCensus {
  private carry = '';

  /** `onTag` may throw to stop the count (the caller's limit). */
  constructor(private readonly onTag: (tag: CountedTag) => void) {}

  write(chunk: Buffer): void {
    const text = this.carry + chunk.toString('latin1');
    const seen = this.carry.length;
    TAG.lastIndex = 0;
    for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
      // A match that ends inside the carried part was whole in the previous chunk and counted there.
      if (m.index + m[0].length > seen) this.onTag(m[1] as CountedTag);
    }
    this.carry = text.slice(-CARRY);
  }
}

/** A worksheet's counts. A row has a value when one of its cells holds one (`<v>`, `<is>`, `<f>`), as exceljs's `actualRowCount` sees it. */
export class SheetCounts {
  rows = 0;
  cells = 0;
  valuedRows = 0;
  private valued = false;

  add(tag: CountedTag): void {
    if (tag === 'row') {
      this.rows++;
      this.valued = false;
    } else if (tag === 'c') this.cells++;
    else if ((tag === 'v' || tag === 'is' || tag === 'f') && !this.valued) {
      this.valued = true;
      this.valuedRows++;
    }
  }
}
