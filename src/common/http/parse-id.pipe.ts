import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

import { RequestValidationError } from '../errors/domain-errors.js';

/** Route ids are positive integers; anything else is a 400 naming the parameter. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > 2_147_483_647) {
      const field = metadata.data ?? 'id';
      throw new RequestValidationError('validation.failed', field, `${field}: must be a positive integer`);
    }
    return Number(value);
  }
}
