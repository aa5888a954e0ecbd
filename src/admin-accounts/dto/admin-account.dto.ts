import { Transform } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

import { ADMIN_ROLES, type AdminRole } from '../admin-account.entity.js';

import { trim } from '../../common/validation/transforms.js';
import { IsOmittable } from '../../common/validation/validators.js';

export class CreateAdminAccountDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'must be a valid e-mail address' })
  email: string;

  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(/^[^<>]*$/, { message: 'must not contain < or >' })
  name: string;

  @IsIn(ADMIN_ROLES, { message: 'must be editor or integrator' })
  role: AdminRole;

  /** The companies of an integrator. */
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  companyIds?: number[];

  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters long' })
  password: string;

  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsInt()
  @Min(1)
  userId?: number | null;

  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

export class UpdateAdminAccountDto {
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(/^[^<>]*$/, { message: 'must not contain < or >' })
  name?: string;

  @IsOmittable()
  @IsIn(ADMIN_ROLES, { message: 'must be editor or integrator' })
  role?: AdminRole;

  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  companyIds?: number[];

  /** Absent: the password stays as it is. */
  @IsOmittable()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters long' })
  password?: string;

  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsInt()
  @Min(1)
  userId?: number | null;

  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}
