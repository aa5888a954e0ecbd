/** The package's entry point: the sandbox itself and the driver that walks its hosted funnel as a browser would. */
export { driveConnectFunnel } from './funnel-driver.js';
export type { DriveFunnelOptions, DriveFunnelResult } from './funnel-driver.js';
export { DEFAULT_CLIENT, createBridgeSandbox } from './sandbox.js';
export type {
  BridgeSandbox,
  BridgeSandboxClient,
  BridgeSandboxOptions,
  BridgeSandboxQuirks,
  BridgeSandboxRateLimits,
} from './sandbox.js';
