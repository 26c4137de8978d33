import { AppError } from '../../../platform/errors';

/**
 * A file that cannot be imported at all (wrong type, too large, unreadable, missing columns): the
 * upload page shows `workers:import.errors.<code>` with `params`. Row problems are not errors; they
 * are listed in the preview.
 */
export class ImportFileError extends AppError {
  constructor(code: string, params: Record<string, unknown> = {}) {
    super('validation', code, params);
    this.name = 'ImportFileError';
  }
}
