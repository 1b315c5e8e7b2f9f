import { pageOf } from '../../../common/schemas/http';
import { AuditEntry } from '../../../common/schemas/audit';

export { AuditEntry, AuditFilters, AuditListQuery, AuditVerification } from '../../../common/schemas/audit';

export const AuditPage = pageOf(AuditEntry);
