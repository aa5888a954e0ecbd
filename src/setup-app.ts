import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

import { DomainExceptionFilter } from './common/filters/domain-exception.filter.js';
import { createValidationPipe } from './common/http/validation.js';

export const API_PREFIX = 'api/v1';

/** Everything main.ts and the e2e tests both need: prefix, validation, error mapping, OpenAPI. */
export function setupApp(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DomainExceptionFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Télécollecte bancaire API')
      .setDescription(
        'Bank feeds from Bridge into bank statements. Amounts are decimal strings ("-12.34"), dates YYYY-MM-DD. ' +
          'Authenticate with "Authorization: Bearer <API key>".',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}
