/** 一月一审核: the committee's monthly audit, quorum sign-off, month close, base score. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AuditApi {}
