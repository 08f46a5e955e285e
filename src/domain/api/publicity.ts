/** 一季一公示: quarterly publicity, objections, town review, 红黑榜. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PublicityApi {}
