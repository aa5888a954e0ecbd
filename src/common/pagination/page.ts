import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional } from 'class-validator';

import { integerText } from '../validation/transforms.js';
import { IsIntegerBetween, MAX_ID } from '../validation/validators.js';

export const MAX_PAGE_SIZE = 500;
/** Beyond this a list is not paged through but attacked; databases refuse such offsets anyway. */
export const MAX_OFFSET = 2_147_483_647;

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50, description: 'Page size' })
  @IsOptional()
  @Transform(integerText)
  @IsIntegerBetween(1, MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET, default: 0, description: 'Number of items to skip' })
  @IsOptional()
  @Transform(integerText)
  @IsIntegerBetween(0, MAX_OFFSET)
  offset?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  /** Lists with keyset pages (common/pagination/keyset.ts): `after` for the next page, null on the last one. */
  nextCursor?: string | null;
}

export function pageWindow(query: PageQueryDto): { limit: number; offset: number } {
  return { limit: query.limit ?? 50, offset: query.offset ?? 0 };
}

/** A page of a list that can be narrowed to one company (within the caller's scope). */
export class CompanyPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only this company' })
  @IsOptional()
  @Transform(integerText)
  @IsIntegerBetween(1, MAX_ID)
  companyId?: number;
}

/** An id in a query string (`?bankAccountId=`, `?userId=`): digits only, within our INT ids. */
export function QueryId(): PropertyDecorator {
  return (target, property) => {
    IsOptional()(target, property);
    Transform(integerText)(target, property);
    IsIntegerBetween(1, MAX_ID)(target, property as string);
  };
}
