import type { OpenAPIObject } from '@nestjs/swagger';
import { ApiProperty } from '@nestjs/swagger';

import { ALL_ERROR_CODES, type ErrorCode, errorCodesMarkdown } from './error-codes.js';

/** Every error answer of the API, for the OpenAPI document (common/filters/domain-exception.filter.ts writes them). */
export class ErrorResponse {
  @ApiProperty({ example: 409, description: 'The HTTP status, repeated' })
  statusCode: number;

  @ApiProperty({ example: 'Conflict', description: 'The HTTP reason phrase' })
  error: string;

  @ApiProperty({
    enum: ALL_ERROR_CODES,
    example: 'statement.closed',
    description: `A stable code, one of:\n\n${errorCodesMarkdown()}`,
  })
  code: ErrorCode;

  @ApiProperty({
    example: 'Statement 12 is closed: reopen it before running the Synchro',
    description: 'What is wrong and, when useful, what to do (English)',
  })
  message: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'The request field at fault, null when none',
  })
  field: string | null;
}

/** Every operation of the document answers errors as an ErrorResponse. */
export function addErrorResponses(document: OpenAPIObject): OpenAPIObject {
  const schema = { $ref: '#/components/schemas/ErrorResponse' };
  for (const path of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = path[method];
      if (operation)
        operation.responses = {
          ...operation.responses,
          default: {
            description: 'An error; `code` says which (see ErrorResponse)',
            content: { 'application/json': { schema } },
          },
        };
    }
  }
  return document;
}
