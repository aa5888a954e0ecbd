import { ApiProperty } from '@nestjs/swagger';

import { WARNING_CODES, type WarningCode } from './error-codes.js';

/** One warning of an answer (error-codes.ts, WARNING_CODES): done, but probably a mistake worth a look. */
export class WarningResponse {
  @ApiProperty({ enum: Object.keys(WARNING_CODES), example: 'bridge_config.several_active' }) code: WarningCode;
  @ApiProperty() message: string;
}
