export { PROCESSES, type WeldingProcess } from './processes';
export { ContinuityEntry } from './continuity-entry.model';
