import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

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
  name: string;

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
  name?: string;

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
