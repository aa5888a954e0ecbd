import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

import { Clock } from './common/clock/clock.js';
import { addErrorResponses, ErrorResponse } from './common/errors/error-response.js';
import { DomainExceptionFilter } from './common/filters/domain-exception.filter.js';
import { securityHeaders } from './common/http/security-headers.js';
import { createValidationPipe } from './common/http/validation.js';
import { applyContractRules } from './common/openapi/api-document.js';
import { AppConfig, SANDBOX_MOUNT_PATH } from './config/app-config.js';
import { type BridgeSandbox, loadBridgeSandbox } from './demo/bridge-sandbox.loader.js';

export const API_PREFIX = 'api/v1';
export const SANDBOX_MOUNT = SANDBOX_MOUNT_PATH;

/**
 * Everything main.ts and the e2e tests both need: prefix, validation, error mapping, OpenAPI. The application must
 * be created with `bodyParser: false`: the parsers are added here, after the Bridge sandbox, which parses (and
 * refuses) bodies the way Bridge does. The sandbox package is loaded only when it is mounted (BRIDGE_SANDBOX).
 */
export async function setupApp(app: NestExpressApplication): Promise<{ sandbox: BridgeSandbox | null }> {
  const config = app.get(AppConfig);
  // Behind a reverse proxy, the client's address and protocol (hence the secure session cookie) come from X-Forwarded-*,
  // believed only from the proxies named by TRUST_PROXY.
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(...securityHeaders(config));
  // The mounted sandbox starts at the product's time (tests pin the product's clock; production runs on the system's).
  const sandbox = config.mountBridgeSandbox
    ? (await loadBridgeSandbox()).createBridgeSandbox({
        startTime: app.get(Clock).now(),
        controlToken: config.sandboxControlToken!,
      })
    : null;
  if (sandbox) {
    app.use(SANDBOX_MOUNT, sandbox.handler);
  }
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { extended: true, limit: '1mb' });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'bridge/callback'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DomainExceptionFilter());
  app.enableShutdownHooks();

  if (config.apiDocs) {
    setupApiDocs(app);
  }
  return { sandbox };
}

function setupApiDocs(app: NestExpressApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Télécollecte bancaire API')
      .setDescription(
        'Bank feeds from Bridge into bank statements. Amounts are decimal strings ("-12.34"), dates YYYY-MM-DD. ' +
          'Authenticate with "Authorization: Bearer <API key>".\n\n' +
          'Errors answer `{ statusCode, error, code, message, field }` (ErrorResponse): `code` is stable, `field` names the ' +
          'request field at fault (null when none), `message` is for people; the codes are listed with ErrorResponse.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ErrorResponse] },
  );
  addErrorResponses(document);
  applyContractRules(document, API_PREFIX);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}
