/**
 * The error answers of the stand-in, shaped like CloudBase's: HTTP 200 with
 * `{ code, message, requestId }`. The node SDK turns any answer with a `code` into a thrown
 * `TcbError` carrying that code and message; runTransaction retries on exactly
 * `DATABASE_TRANSACTION_CONFLICT`.
 *
 * Codes are CloudBase's documented ones (docs.cloudbase.net/error-code/…). Messages follow the
 * service's "[Category] text. Please check your request, …" pattern where one was seen in the
 * wild (collection missing, transaction gone); the others carry MongoDB's own wording (the
 * engine behind CloudBase's document database), e.g. `E11000 duplicate key error …`.
 */
export type StandinCode =
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_REQUEST_FAILED'
  | 'INVALID_PARAM'
  | 'INVALID_ACTION';

export class StandinError extends Error {
  constructor(
    readonly code: StandinCode,
    message: string,
  ) {
    super(message);
    this.name = 'StandinError';
  }
}

const SUFFIX = 'Please check your request, but if the problem persists, contact us.';

export const collectionNotExist = (name: string): StandinError =>
  new StandinError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `[ResourceNotFound] Db or Table not exist: ${name}. Please check your request, but if the problem cannot be solved, contact us.`,
  );

export const collectionExists = (name: string): StandinError =>
  new StandinError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${name}. ${SUFFIX}`);

export const duplicateKey = (collection: string, index: string, key: string): StandinError =>
  new StandinError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`);

export const writeConflict = (): StandinError =>
  new StandinError(
    'DATABASE_TRANSACTION_CONFLICT',
    `[ResourceUnavailable.TransactionConflict] WriteConflict error: this operation conflicted with another operation. ${SUFFIX}`,
  );

export const transactionGone = (_why: string): StandinError =>
  new StandinError('DATABASE_TRANSACTION_FAIL', `[ResourceUnavailable.TransactionNotExist] Transaction not exist. ${SUFFIX}`);

export const requestFailed = (message: string): StandinError => new StandinError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${message}`);
