import request from 'supertest';

import { createBridgeSandbox, type BridgeSandboxOptions } from './sandbox.js';

/** What the sandbox's specs share: the control token, the default client's headers for each version, the start time. */
export const CONTROL_TOKEN = 'spec-control-token-42';
export const CONTROL = { Authorization: `Bearer ${CONTROL_TOKEN}` };

export const CLIENT = { 'Client-Id': 'sandbox-client-id', 'Client-Secret': 'sandbox-client-secret' };
export const V2 = { ...CLIENT, 'Bridge-Version': '2021-06-01' };
export const V3 = { ...CLIENT, 'Bridge-Version': '2025-01-15' };
export const START = new Date('2026-03-18T09:00:00.000Z');

/** A sandbox (one month of history, no rate limits) with one Bridge user signed in: its headers for each version. */
export async function sandboxWithUser(options: BridgeSandboxOptions = {}) {
  const sandbox = createBridgeSandbox({
    controlToken: CONTROL_TOKEN,
    startTime: START,
    historyMonths: 1,
    rateLimits: false,
    ...options,
  });
  const handler = sandbox.handler;
  const user = (
    await request(handler).post('/v3/aggregation/users').set(V3).send({ external_user_id: 'claire@cabinet.fr' })
  ).body as { uuid: string };
  const token = (
    (await request(handler).post('/v3/aggregation/authorization/token').set(V3).send({ user_uuid: user.uuid }))
      .body as { access_token: string }
  ).access_token;
  return {
    sandbox,
    handler,
    userUuid: user.uuid,
    v3: { ...V3, Authorization: `Bearer ${token}` },
    v2: { ...V2, Authorization: `Bearer ${token}` },
  };
}
