import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';

import { API_PREFIX } from '../setup-app.js';
import { IDEMPOTENCY_HEADER, IdempotencyService } from './idempotency.service.js';

export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * Honours `Idempotency-Key` on every POST of the REST API (docs/rules.md#idempotency-key). It runs after the API-key
 * guard, so the caller is known; the service decides, this only wires the HTTP exchange.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly idempotency: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { apiKeyId?: number }>();
    if (request.method !== 'POST' || !request.path.startsWith(`/${API_PREFIX}/`)) return next.handle();
    const key = IdempotencyService.checkKey(request.headers[IDEMPOTENCY_HEADER.toLowerCase()]);
    if (key === undefined || request.apiKeyId === undefined) return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    return from(this.run({ apiKeyId: request.apiKeyId, key, request, response, next }));
  }

  private async run(params: {
    apiKeyId: number;
    key: string;
    request: Request;
    response: Response;
    next: CallHandler;
  }): Promise<unknown> {
    const { request, response } = params;
    const decision = await this.idempotency.begin({
      apiKeyId: params.apiKeyId,
      key: params.key,
      method: request.method,
      path: request.originalUrl,
      body: request.body as unknown,
    });
    if (decision.kind === 'replay') {
      response.status(decision.status);
      response.setHeader(REPLAYED_HEADER, 'true');
      return decision.body;
    }
    let body: unknown;
    try {
      body = await lastValueFrom(params.next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.idempotency.release(decision.recordId);
      throw error;
    }
    await this.idempotency.complete(decision.recordId, response.statusCode, body);
    return body;
  }
}
