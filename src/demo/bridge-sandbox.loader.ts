/**
 * The Bridge sandbox is a development dependency (packages/bridge-sandbox), never part of the service's build: the
 * zero-configuration demo and the development tools load it only when they use it, and an install without it (a
 * production install, without the dev dependencies) fails with a message saying what needs it instead of an import error.
 */
import type * as BridgeSandboxPackage from '@telecollecte/bridge-sandbox';

import { ConfigValidationError } from '../config/app-config.js';

export type { BridgeSandbox } from '@telecollecte/bridge-sandbox';
export type BridgeSandboxModule = typeof BridgeSandboxPackage;

export const BRIDGE_SANDBOX_PACKAGE = '@telecollecte/bridge-sandbox';

/** The sandbox package for BRIDGE_SANDBOX=on, or a ConfigValidationError naming the setting when it is not installed. */
export function loadBridgeSandbox(): Promise<BridgeSandboxModule> {
  return importSandbox(
    (missing) =>
      new ConfigValidationError(
        `Invalid configuration:\n  BRIDGE_SANDBOX: is on (the default with the embedded SQLite outside production) but ${missing}; or set BRIDGE_SANDBOX=off`,
      ),
  );
}

/** The sandbox package for a development tool (`npm run bench`…), or an error saying the tool needs it. */
export function requireBridgeSandbox(tool: string): Promise<BridgeSandboxModule> {
  return importSandbox((missing) => new Error(`${tool} needs the Bridge sandbox, but ${missing}`));
}

async function importSandbox(notInstalled: (missing: string) => Error): Promise<BridgeSandboxModule> {
  try {
    return await import('@telecollecte/bridge-sandbox');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw notInstalled(
      `the Bridge sandbox is not installed: ${BRIDGE_SANDBOX_PACKAGE} is a development dependency (npm ci with the dev dependencies, then npm run build) (${(error as Error).message})`,
    );
  }
}
