import { AbstractLoader, type AdminModuleOptions } from '@adminjs/nestjs';
import { Injectable } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import type AdminJS from 'adminjs';
import express, { type Express, type RequestHandler } from 'express';
import session from 'express-session';

/**
 * Mounts the AdminJS router like @adminjs/nestjs's ExpressLoader, but places it just before the JSON/urlencoded
 * parsers (AdminJS parses its own forms) without moving anything else, so the Bridge sandbox mount keeps its place.
 * `guards` run first; `afterSession` run once the session is read (AdminJS's own session middleware then finds it
 * read and does nothing).
 */
@Injectable()
export class AdminRouterLoader extends AbstractLoader {
  async register(
    admin: AdminJS,
    httpAdapter: AbstractHttpAdapter,
    options: AdminModuleOptions,
    middleware: { guards?: RequestHandler[]; afterSession?: RequestHandler[] } = {},
  ): Promise<void> {
    const app = httpAdapter.getInstance<Express>();
    const { default: AdminJSExpress } = await import('@adminjs/express');
    const predefined = express.Router();
    for (const guard of middleware.guards ?? []) predefined.use(guard);
    predefined.use(
      session({ ...options.sessionOptions, secret: options.auth!.cookiePassword, name: options.auth!.cookieName }),
    );
    for (const handler of middleware.afterSession ?? []) predefined.use(handler);
    const router = AdminJSExpress.buildAuthenticatedRouter(
      admin,
      options.auth!,
      predefined,
      options.sessionOptions,
      options.formidableOptions,
    );
    // The function name names the Express layer, which is how it is found below.
    app.use(options.adminJsOptions.rootPath!, function adminjs(request, response, next) {
      router(request, response, next);
    });
    const stack = (app as unknown as { router: { stack: { name: string }[] } }).router.stack;
    const [layer] = stack.splice(
      stack.findIndex((item) => item.name === 'adminjs'),
      1,
    );
    const parser = stack.findIndex((item) => item.name === 'jsonParser' || item.name === 'urlencodedParser');
    stack.splice(parser >= 0 ? parser : stack.length, 0, layer!);
  }
}
