/**
 * The shape every service (auth, storage) shares: a Hono app routed on the path that follows the
 * service's prefix (the gateway strips `/auth/v1`, `/storage/v1`), with the gateway's per-request
 * context in its bindings, exposed to the gateway as a `Service` function.
 */
import { Hono, type Context } from 'hono';
import type { Service, ServiceContext } from './app.ts';

export interface ServiceEnv {
  Bindings: { path: string; ctx: ServiceContext };
}

export type ServiceApp = Hono<ServiceEnv>;
export type ServiceCtx = Context<ServiceEnv>;

/** A Hono app whose routes match the service-relative path the gateway hands over. */
export function createServiceApp(): ServiceApp {
  return new Hono<ServiceEnv>({ getPath: (_req, options) => options?.env?.path ?? '/' });
}

/** Serve `app` as a gateway Service. Errors it does not handle (onError rethrows) reach the gateway. */
export function toService(app: ServiceApp): Service {
  return async (req, path, ctx) => app.fetch(req, { path, ctx });
}
