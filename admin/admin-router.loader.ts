import { Injectable } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { AbstractLoader, type AdminModuleOptions } from '@adminjs/nestjs';
import type AdminJS from 'adminjs';
import type { Express } from 'express';

/**
 * Mounts the AdminJS router like @adminjs/nestjs's ExpressLoader, but places it just before the JSON/urlencoded
 * parsers (AdminJS parses its own forms) without moving anything else, so the Bridge sandbox mount keeps its place.
 */
@Injectable()
export class AdminRouterLoader extends AbstractLoader {
  async register(admin: AdminJS, httpAdapter: AbstractHttpAdapter, options: AdminModuleOptions): Promise<void> {
    const app = httpAdapter.getInstance<Express>();
    const { default: AdminJSExpress } = await import('@adminjs/express');
    const router = AdminJSExpress.buildAuthenticatedRouter(admin, options.auth!, undefined, options.sessionOptions, options.formidableOptions);
    // The function name names the Express layer, which is how it is found below.
    app.use(options.adminJsOptions.rootPath!, function adminjs(request, response, next) {
      router(request, response, next);
    });
    const stack = (app as unknown as { router: { stack: { name: string }[] } }).router.stack;
    const [layer] = stack.splice(stack.findIndex((item) => item.name === 'adminjs'), 1);
    const parser = stack.findIndex((item) => item.name === 'jsonParser' || item.name === 'urlencodedParser');
    stack.splice(parser >= 0 ? parser : stack.length, 0, layer!);
  }
}
