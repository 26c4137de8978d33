export { AuditEntry } from './audit-entry.model';
export { AuditService, type AuditRow } from './audit.service';
