/**
 * The API's one error type and its wire shape `{error: {code, message}}` (docs/api.md).
 * Codes are stable: clients branch on `code`, never on `message`. A message is written for
 * people and never carries a secret, a stack trace, or the text of an unexpected exception.
 */
export const API_ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  INTERNAL: 500,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = API_ERROR_STATUS[code];
  }
}

export interface ApiErrorBody {
  readonly error: { readonly code: ApiErrorCode; readonly message: string };
}

export function errorBody(err: ApiError): ApiErrorBody {
  return { error: { code: err.code, message: err.message } };
}

/** What a client sees for anything that is not an ApiError: a fixed text, nothing of the cause. */
export const INTERNAL_ERROR = (): ApiError =>
  new ApiError('INTERNAL', 'Internal error; the details are in the service log');
