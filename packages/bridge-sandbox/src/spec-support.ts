/** What the sandbox's specs share: the control token, the default client's headers for each version, the start time. */
export const CONTROL_TOKEN = 'spec-control-token-42';
export const CONTROL = { Authorization: `Bearer ${CONTROL_TOKEN}` };

export const CLIENT = { 'Client-Id': 'sandbox-client-id', 'Client-Secret': 'sandbox-client-secret' };
export const V2 = { ...CLIENT, 'Bridge-Version': '2021-06-01' };
export const V3 = { ...CLIENT, 'Bridge-Version': '2025-01-15' };
export const START = new Date('2026-03-18T09:00:00.000Z');
