import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, Matches, MaxLength, ValidateIf } from 'class-validator';

import { CompanyPageQueryDto } from '../../common/pagination/page.js';
import { trim } from '../../common/validation/transforms.js';
import { IsIntegerBetween, IsOmittable, IsText, MAX_ID } from '../../common/validation/validators.js';
import type { User } from '../user.entity.js';

const normalizeEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() || null : value;

export class CreateUserDto {
  @ApiProperty()
  @IsIntegerBetween(1, MAX_ID)
  companyId: number;

  @ApiProperty({ example: 'Claire Dupont' })
  @Transform(trim)
  @IsText(200)
  name: string;

  @ApiProperty({ example: 'cdupont', description: 'Unique within the company' })
  @Transform(trim)
  @Matches(/^[A-Za-z0-9._@-]{1,100}$/, { message: 'must be 1 to 100 letters, digits or . _ @ -' })
  login: string;

  @ApiPropertyOptional({
    example: 'claire.dupont@cabinet.fr',
    type: String,
    nullable: true,
    description: 'The e-mail used with Bridge (and billed)',
  })
  @IsOptional()
  @Transform(normalizeEmail)
  @ValidateIf((_object, value) => value !== null)
  @IsEmail({}, { message: 'must be a valid e-mail address of at most 254 characters' })
  @MaxLength(254, { message: 'must be a valid e-mail address of at most 254 characters' })
  email?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['companyId'] as const), {
  skipNullProperties: false,
}) {}

export class ListUsersQueryDto extends CompanyPageQueryDto {}

export class UserResponse {
  @ApiProperty() id: number;
  @ApiProperty() companyId: number;
  @ApiProperty() name: string;
  @ApiProperty() login: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() active: boolean;

  static from(user: User): UserResponse {
    return {
      id: user.id,
      companyId: user.companyId,
      name: user.name,
      login: user.login,
      email: user.email,
      active: user.active,
    };
  }
}
