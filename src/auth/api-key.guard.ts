import { type CanActivate, type ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';

import { UnauthenticatedError } from '../common/errors/domain-errors.js';
import type { AccessScope } from './access-scope.js';
import { ApiKeysService } from './api-keys.service.js';

const PUBLIC_ROUTE = 'publicRoute';

/** Marks a route (health, Bridge callback) as reachable without an API key. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

interface AuthenticatedRequest extends Request {
  apiKeyId?: number;
  accessScope?: AccessScope;
}

/** Every route needs `Authorization: Bearer <key>` unless marked @Public(). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) {
      throw new UnauthenticatedError('api_key.missing', 'Missing API key: send it as "Authorization: Bearer <key>"');
    }
    const { apiKeyId, scope } = await this.apiKeys.authenticate(match[1]!);
    request.apiKeyId = apiKeyId;
    request.accessScope = scope;
    return true;
  }
}

/** The caller's scope, set by ApiKeyGuard. */
export const Scope = createParamDecorator((_data: unknown, context: ExecutionContext): AccessScope => {
  const scope = context.switchToHttp().getRequest<AuthenticatedRequest>().accessScope;
  if (!scope) {
    throw new UnauthenticatedError('api_key.missing', 'Missing API key: send it as "Authorization: Bearer <key>"');
  }
  return scope;
});

/** The id of the caller's API key, set by ApiKeyGuard. */
export const CallerKeyId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): number | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().apiKeyId,
);
