import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { ALL_ERROR_CODES, ERROR_CODES } from '../../src/common/errors/error-codes.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

describe(`foundation (${TEST_ENGINE})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('should report the database in /health without a key', async () => {
    const response = await t.api(null).get('/health').expect(200);
    expect(response.body).toEqual({
      status: 'ok',
      database: { status: 'up', engine: TEST_ENGINE === 'mysql' ? 'mariadb' : 'better-sqlite3' },
    });
  });

  it('should serve the OpenAPI document with the contract paths', async () => {
    await t.api(null).get('/api/docs').expect(200);
    const response = await t.api(null).get('/api/docs/openapi.json').expect(200);
    const paths = Object.keys(response.body.paths as object);
    // The paths are relative to the document's server, /api/v1.
    expect(response.body.servers).toEqual([expect.objectContaining({ url: '/api/v1' })]);
    for (const path of [
      '/companies',
      '/bridge-configs/{id}',
      '/users',
      '/bank-accounts/{id}',
      '/statements/{id}/lines',
      '/connection-logs',
      '/api-logs',
      '/billing/reports',
    ]) {
      expect(paths).toContain(path);
    }
    const schemas = response.body.components.schemas as Record<
      string,
      { properties: Record<string, { writeOnly?: boolean }> }
    >;
    expect(schemas.CreateBridgeConfigDto!.properties.clientSecret!.writeOnly).toBe(true);
    expect(Object.keys(schemas.BridgeConfigResponse!.properties)).not.toContain('clientSecret');
  });

  it('should list every error code in the OpenAPI document, as an enum with its table', async () => {
    const document = (await t.api(null).get('/api/docs/openapi.json').expect(200)).body;
    const errorResponse = document.components.schemas.ErrorResponse;
    expect(Object.keys(errorResponse.properties)).toEqual(['statusCode', 'error', 'code', 'message', 'field']);
    const code = errorResponse.properties.code;
    expect(code.enum).toEqual(ALL_ERROR_CODES);
    // The table of the codes, one row each, with its status.
    for (const name of ALL_ERROR_CODES)
      expect(code.description).toContain(`| \`${name}\` | ${ERROR_CODES[name].status} |`);
    // Every operation says its errors have that shape.
    expect(document.paths['/statements/{id}/sync'].post.responses.default.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ErrorResponse',
    });
  });

  it('should answer 401 without a key and with a wrong key', async () => {
    const missing = await t.api(null).get('/api/v1/companies').expect(401);
    expect(missing.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      code: 'api_key.missing',
      message: expect.stringContaining('Authorization: Bearer'),
      field: null,
    });
    const wrong = await t.api('not-a-real-key-000000000000000').get('/api/v1/companies').expect(401);
    expect(wrong.body).toMatchObject({ code: 'api_key.invalid', field: null });
    await t.api(null).get('/api/v1/companies').set('Authorization', 'Basic abc').expect(401);
  });

  it('should answer 404 with the error shape for an unknown id and 400 for a malformed one', async () => {
    const missing = await t.api().get('/api/v1/companies/999').expect(404);
    expect(missing.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'company.not_found',
      message: 'Company 999 not found',
      field: null,
    });
    const malformed = await t.api().get('/api/v1/bank-accounts/abc').expect(400);
    expect(malformed.body).toMatchObject({
      code: 'validation.failed',
      message: 'id: must be a positive integer',
      field: 'id',
    });
  });

  it('should answer an unknown route and a malformed JSON body with the error shape', async () => {
    const unknown = await t.api().get('/api/v1/nothing-here').expect(404);
    expect(unknown.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'route.not_found',
      message: expect.stringContaining('/api/v1/nothing-here'),
      field: null,
    });
    const malformed = await t.api().post('/api/v1/companies').set('Content-Type', 'application/json').send('{"name": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, code: 'request.invalid', field: null });
  });

  it('should name the field of a bad pagination query', async () => {
    const response = await t.api().get('/api/v1/companies?limit=5000').expect(400);
    expect(response.body).toMatchObject({
      code: 'validation.failed',
      message: expect.stringMatching(/^limit: /),
      field: 'limit',
    });
  });
});
