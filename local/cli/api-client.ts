/**
 * The operator CLI's HTTP side: one request to the trading API (local server or API Gateway),
 * the key in `x-api-key`, the JSON answer or a typed failure. Error texts name the URL and the
 * cause, never a key.
 */
export class Unreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Unreachable';
  }
}

/** The API answered with an error status (its stable `{ error: { code, message } }` shape). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export interface ApiCall {
  readonly url: string;
  readonly apiKey: string | null;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
}

/** Duck-typed: errors from fetch may come from another realm (test runners), so no instanceof. */
function causeOf(err: unknown): string {
  const e = err as {
    name?: unknown;
    message?: unknown;
    cause?: { code?: unknown; message?: unknown; errors?: { code?: unknown }[] };
  } | null;
  const cause = e?.cause;
  const code = String(cause?.code ?? cause?.errors?.[0]?.code ?? '');
  if (code === 'ECONNREFUSED') return 'connection refused — is `npm start` running on that port?';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'no answer in time';
  if (code) return code;
  if (typeof cause?.message === 'string') return cause.message;
  return typeof e?.message === 'string' ? e.message : 'unknown error';
}

function errorFromBody(status: number, text: string): ApiFailure {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown }; message?: unknown };
    if (body.error && typeof body.error.message === 'string')
      return new ApiFailure(status, String(body.error.code ?? status), body.error.message);
    // API Gateway's own refusals (missing or wrong key) look like {"message":"Forbidden"}.
    if (typeof body.message === 'string') return new ApiFailure(status, String(status), body.message);
  } catch {
    // not JSON: fall through
  }
  return new ApiFailure(status, String(status), `HTTP ${status}`);
}

export async function callApi(call: ApiCall, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const target = `${call.url}${path}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (call.apiKey) headers['x-api-key'] = call.apiKey;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await (call.fetch ?? fetch)(target, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(call.timeoutMs),
    });
  } catch (err) {
    throw new Unreachable(`Cannot reach the PolyMix API at ${call.url}: ${causeOf(err)}`);
  }
  const text = await res.text();
  if (!res.ok) throw errorFromBody(res.status, text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiFailure(res.status, 'BAD_RESPONSE', `${target} did not answer with JSON (is --url the PolyMix API?)`);
  }
}
