/** Builds the AdminJS bundle of our components ahead (run by `npm run build`), so that no start has to bundle. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { ADMIN_BUNDLE_DIR } from './bundle-paths.js';
import { registerComponents } from './component-loader.js';

process.env.NODE_ENV = 'production';
process.env.ADMIN_JS_TMP_DIR = ADMIN_BUNDLE_DIR;
delete process.env.ADMIN_JS_SKIP_BUNDLE;
rmSync(join(ADMIN_BUNDLE_DIR, 'bundle.js'), { force: true });

const { default: AdminJS, ComponentLoader } = await import('adminjs');
const componentLoader = new ComponentLoader();
registerComponents(componentLoader);
const started = performance.now();
await new AdminJS({ componentLoader, rootPath: '/admin' }).initialize();
console.log(`AdminJS components bundled into ${ADMIN_BUNDLE_DIR} in ${Math.round(performance.now() - started)} ms`);
