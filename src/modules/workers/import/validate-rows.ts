import { z } from 'zod';
import { normalizePhone } from '../../accounts';
import { splitWorkshopName } from '../../workshops';
import type { Trade } from '../../catalogue/trades';
import { looksLikeFormula, normalizeNik, parseDateInput } from '../worker-rules';
import { IMPORT_COLUMNS, type ImportColumn, type ImportRow, type ImportVocabulary } from './import-columns';

/** A problem of one row, shown as line, field and `workers:import.problems.<code>` (with params). */
export interface RowProblem {
  field: ImportColumn;
  code: string;
  params?: Record<string, string | number>;
}

/** A row ready to write: the same normalised values the worker form produces. */
export interface ImportInput {
  name: string;
  phone: string;
  email?: string;
  workshop: string;
  trades: Trade[];
  position?: string;
  joinedAt?: string;
  nik?: string;
}

export interface CheckedRow {
  line: number;
  cells: ImportRow['cells'];
  problems: RowProblem[];
  /** Present when the row has no problems. */
  input?: ImportInput;
  /** Update when the phone or NIK belongs to a worker already; else create. */
  action?: 'create' | 'update';
  workerId?: string;
}

export interface CheckContext {
  vocabulary: ImportVocabulary;
  workshops: { id: string; name: string; legalForm: string }[];
  /** Existing workers' ids by phone (E.164) and by NIK. */
  workerByPhone: Map<string, string>;
  workerByNik: Map<string, string>;
  /** Today's date in WIB (YYYY-MM-DD): dates joined after it are refused. */
  today: string;
}

const MAX_LENGTH: Record<ImportColumn, number> = { name: 120, phone: 30, email: 254, workshop: 160, trades: 300, position: 120, joined: 20, nik: 40 };
const emailSchema = z.email();

/**
 * Checks every row as the worker form would, plus what only a file can get wrong: formula-looking
 * cells, the same phone or NIK twice in the file, a phone and a NIK that belong to two different
 * workers. Pure: the caller loads workshops and existing workers once.
 */
export function checkRows(rows: ImportRow[], ctx: CheckContext): CheckedRow[] {
  const firstLineByPhone = new Map<string, number>();
  const firstLineByNik = new Map<string, number>();
  return rows.map((row) => {
    const problems: RowProblem[] = [];
    const add = (field: ImportColumn, code: string, params?: RowProblem['params']) => problems.push({ field, code, params });
    const cell: Partial<Record<ImportColumn, string>> = {};
    for (const column of IMPORT_COLUMNS) {
      const text = (row.cells[column] ?? '').trim();
      // A lone dash is how many spreadsheets say "none".
      const value = text === '-' ? '' : text;
      const flag = row.flags.find((f) => f.field === column);
      if (flag) add(column, flag.code);
      else if (looksLikeFormula(value, column)) add(column, 'formula');
      else if (value.length > MAX_LENGTH[column]) add(column, 'too_long');
      else if (value) cell[column] = value;
    }
    const flagged = new Set(problems.map((p) => p.field));
    const input: Partial<ImportInput> = { trades: [] };

    if (cell.name) input.name = cell.name.replace(/\s+/g, ' ');
    else if (!flagged.has('name')) add('name', 'required');

    if (cell.phone) {
      const phone = normalizePhone(cell.phone);
      if (phone) input.phone = phone;
      else add('phone', 'phone');
    } else if (!flagged.has('phone')) add('phone', 'required');

    if (cell.email) {
      if (emailSchema.safeParse(cell.email).success) input.email = cell.email.toLowerCase();
      else add('email', 'email');
    }

    if (cell.workshop) {
      const wanted = splitWorkshopName(cell.workshop);
      const found = ctx.workshops.find(
        (w) => w.name.toLowerCase().replace(/\s+/g, ' ') === wanted.key && (!wanted.legalForm || wanted.legalForm === w.legalForm),
      );
      if (found) input.workshop = found.id;
      else add('workshop', 'workshop_unknown', { value: cell.workshop });
    } else if (!flagged.has('workshop')) add('workshop', 'required');

    for (const label of (cell.trades ?? '').split(/[,;/]+/).map((s) => s.trim()).filter(Boolean)) {
      const trade = ctx.vocabulary.trade(label);
      if (!trade) add('trades', 'trade_unknown', { value: label });
      else if (!input.trades!.includes(trade)) input.trades!.push(trade);
    }

    if (cell.position) input.position = cell.position;

    if (cell.joined) {
      const date = parseDateInput(cell.joined);
      if (!date) add('joined', 'date');
      else if (date > ctx.today) add('joined', 'date_future');
      else input.joinedAt = date;
    }

    if (cell.nik) {
      const nik = normalizeNik(cell.nik);
      if (nik) input.nik = nik;
      else add('nik', 'nik');
    }

    if (input.phone) {
      const first = firstLineByPhone.get(input.phone);
      if (first !== undefined) add('phone', 'duplicate_in_file', { line: first });
      else firstLineByPhone.set(input.phone, row.line);
    }
    if (input.nik) {
      const first = firstLineByNik.get(input.nik);
      if (first !== undefined) add('nik', 'duplicate_in_file', { line: first });
      else firstLineByNik.set(input.nik, row.line);
    }

    const byPhone = input.phone ? ctx.workerByPhone.get(input.phone) : undefined;
    const byNik = input.nik ? ctx.workerByNik.get(input.nik) : undefined;
    if (byPhone && byNik && byPhone !== byNik) add('nik', 'nik_other_worker');

    const checked: CheckedRow = { line: row.line, cells: row.cells, problems };
    if (problems.length === 0) {
      checked.input = input as ImportInput;
      checked.workerId = byPhone ?? byNik;
      checked.action = checked.workerId ? 'update' : 'create';
    }
    return checked;
  });
}
