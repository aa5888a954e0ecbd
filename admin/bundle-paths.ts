import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { COMPONENTS_DIR } from './component-loader.js';

/**
 * Where AdminJS keeps the bundle of our components. Not a dot-folder: Express 5 refuses to serve dotfiles, which
 * breaks the default `.adminjs`. Must be set before adminjs is imported (it reads the variable at load time).
 */
export const ADMIN_BUNDLE_DIR = join(COMPONENTS_DIR, '..', '..', 'adminjs-bundle');

/** The back-office serves the bundle built ahead; without it the pages would load no component, so say how to build it. */
export function assertPrebuiltBundle(logger: { error(message: string): void }): void {
  if (!existsSync(join(process.env.ADMIN_JS_TMP_DIR ?? ADMIN_BUNDLE_DIR, 'bundle.js'))) {
    logger.error(
      `The back-office components bundle is missing in ${process.env.ADMIN_JS_TMP_DIR ?? ADMIN_BUNDLE_DIR}: run "npm run build"`,
    );
  }
}

export function prepareAdminJsEnvironment(): void {
  process.env.ADMIN_JS_TMP_DIR ??= ADMIN_BUNDLE_DIR;
  // Built ahead by `npm run build` (admin/prebundle.ts): production starts never bundle.
  if (existsSync(join(process.env.ADMIN_JS_TMP_DIR, 'bundle.js'))) {
    process.env.ADMIN_JS_SKIP_BUNDLE = 'true';
  }
}
