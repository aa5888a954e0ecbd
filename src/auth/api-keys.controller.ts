import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrors, ApiPage } from '../common/openapi/api-schema.js';
import { PageQueryDto, type Page } from '../common/pagination/page.js';
import type { AccessScope } from './access-scope.js';
import { CallerKeyId, Scope } from './api-key.guard.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse } from './dto/api-key.dto.js';

/** Editor keys manage the ERPs' keys (docs/rules.md#api-keys-for-the-erp). */
@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({ operationId: 'createApiKey' })
  @ApiErrors('api_key.editor_only', 'api_key.company_required', 'api_key.unknown_company')
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  async create(@Body() body: CreateApiKeyDto, @Scope() scope: AccessScope): Promise<CreatedApiKeyResponse> {
    return CreatedApiKeyResponse.fromCreated(await this.apiKeys.createScoped(body, scope));
  }

  @Get()
  @ApiOperation({ operationId: 'listApiKeys' })
  @ApiPage(ApiKeyResponse)
  @ApiErrors('api_key.editor_only')
  async list(@Query() query: PageQueryDto, @Scope() scope: AccessScope): Promise<Page<ApiKeyResponse>> {
    const page = await this.apiKeys.list(query, scope);
    return { ...page, items: page.items.map(ApiKeyResponse.from) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getApiKey' })
  @ApiErrors('api_key.editor_only', 'api_key.not_found')
  @ApiOkResponse({ type: ApiKeyResponse })
  async get(@Param('id', ParseIdPipe) id: number, @Scope() scope: AccessScope): Promise<ApiKeyResponse> {
    return ApiKeyResponse.from(await this.apiKeys.get(id, scope));
  }

  @Post(':id/revoke')
  @ApiOperation({ operationId: 'revokeApiKey' })
  @ApiErrors('api_key.editor_only', 'api_key.not_found', 'api_key.self_revoke')
  @ApiCreatedResponse({ type: ApiKeyResponse })
  async revoke(
    @Param('id', ParseIdPipe) id: number,
    @Scope() scope: AccessScope,
    @CallerKeyId() callerKeyId: number | undefined,
  ): Promise<ApiKeyResponse> {
    return ApiKeyResponse.from(await this.apiKeys.revoke(id, scope, callerKeyId));
  }
}
