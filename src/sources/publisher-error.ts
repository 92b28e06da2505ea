/**
 * A publisher's own error message inside a body that should have been a list. Pure.
 *
 *   publisherError('{"error":{"code":"OVER_RATE_LIMIT","message":"You have exceeded your rate limit."}}')
 *   // → { code: 'OVER_RATE_LIMIT', message: 'OVER_RATE_LIMIT: You have exceeded your rate limit.', transient: true }
 *
 * Shapes read: `{"error": {"code", "message"}}` (api.data.gov, which fronts trade.gov's API),
 * `{"error": "text"}`, `{"errors": [{"message"}]}`, and `{"message": "text"}` with no list in it.
 * `transient` marks rate limits and "try later" codes, which keep state and retry next poll.
 */
export interface PublisherError {
  code: string | null;
  /** One line: "CODE: message", at most 200 characters. */
  message: string;
  transient: boolean;
}

const TRANSIENT = /RATE_LIMIT|TOO_MANY|THROTTL|UNAVAILABLE|TIMEOUT|TRY_AGAIN/i;

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The error a parsed JSON document carries instead of data, or null. */
export function publisherErrorOf(data: unknown): PublisherError | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const doc = data as Record<string, unknown>;
  if ('results' in doc || 'titles' in doc) return null;
  let code: string | null = null;
  let message: string | null;
  const error = doc.error;
  if (error && typeof error === 'object' && !Array.isArray(error)) {
    const e = error as Record<string, unknown>;
    code = str(e.code);
    message = str(e.message);
  } else if (str(error)) {
    message = str(error);
  } else if (Array.isArray(doc.errors) && doc.errors[0] && typeof doc.errors[0] === 'object') {
    const e = doc.errors[0] as Record<string, unknown>;
    code = str(e.code);
    message = str(e.message) ?? str(e.detail);
  } else {
    message = str(doc.message);
  }
  if (code === null && message === null) return null;
  const text = oneLine([code, message].filter((p) => p !== null).join(': '));
  return { code, message: text, transient: TRANSIENT.test(`${code ?? ''} ${message ?? ''}`) };
}

/** The same, from a body's text; null when it is not JSON or carries no error. */
export function publisherError(text: string): PublisherError | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return null;
  try {
    return publisherErrorOf(JSON.parse(trimmed));
  } catch {
    return null;
  }
}
