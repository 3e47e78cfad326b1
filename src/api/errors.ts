/**
 * Errors a route throws for the error handler (server.ts) to answer: a request that makes no sense as asked
 * (400, `bad_request`), e.g. a time window that ends before it starts. What cannot be read in an uploaded
 * file is InputFormatError (422, `bad_input`); what does not exist is NotFoundError (404).
 */
import { NotFoundError } from '../lists/service.ts';

export class BadRequestError extends Error {
  override name = 'BadRequestError';
  readonly statusCode = 400;
}

/**
 * Runs a service call for a route addressing one thing by its path: the service's refusal of a missing thing
 * (its message starts with `no `, as in "no watchlist x") is answered 404, not 400.
 */
export async function orNotFound<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof Error && !(err instanceof NotFoundError) && err.message.startsWith('no '))
      throw new NotFoundError(err.message);
    throw err;
  }
}
