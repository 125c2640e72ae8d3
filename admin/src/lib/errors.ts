/**
 * The admin's adapters around the one error translator of @tuoyu/domain (`errorMessage`):
 * refine's HttpError shape for the data and auth providers, and an Error to throw from query hooks.
 *
 * @refinedev/supabase sets `statusCode = parseInt(error.code)`, which yields 42501 or NaN for
 * PostgREST codes, so refine's authProvider.onError would never see a 401; the status comes from
 * the domain's PostgREST mapping instead.
 */
import { errorMessage, errorStatus, type ErrorLike } from '@tuoyu/domain';

export type AppHttpError = {
  message: string;
  statusCode: number;
  code?: string;
  details?: string;
  hint?: string;
};

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function toHttpError(error: unknown): AppHttpError {
  const e: ErrorLike = typeof error === 'object' && error !== null ? (error as ErrorLike) : { message: String(error) };
  const code = asString(e.code);
  return {
    statusCode: errorStatus(error),
    message: errorMessage(error),
    ...(code ? { code } : {}),
    ...(asString(e.details) ? { details: asString(e.details) } : {}),
    ...(asString(e.hint) ? { hint: asString(e.hint) } : {}),
  };
}

/** An error whose message is already the Chinese sentence (for react-query and forms). */
export class AppError extends Error {
  constructor(error: unknown) {
    super(errorMessage(error));
    this.name = 'AppError';
  }
}

export function fail(error: unknown): never {
  throw new AppError(error);
}
