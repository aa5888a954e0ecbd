import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrors, ApiPage } from '../common/openapi/api-schema.js';
import type { Page } from '../common/pagination/page.js';
import { BridgeConfigsService } from './bridge-configs.service.js';
import {
  BridgeConfigResponse,
  CreateBridgeConfigDto,
  ListBridgeConfigsQueryDto,
  UpdateBridgeConfigDto,
} from './dto/bridge-config.dto.js';

@ApiTags('bridge-configs')
@ApiBearerAuth()
@Controller('bridge-configs')
export class BridgeConfigsController {
  constructor(private readonly configs: BridgeConfigsService) {}

  @Post()
  @ApiOperation({ operationId: 'createBridgeConfig' })
  @ApiCreatedResponse({ type: BridgeConfigResponse })
  @ApiErrors('company.not_found', 'bridge_config.url_not_allowed', 'access.forbidden')
  async create(@Body() body: CreateBridgeConfigDto, @Scope() scope: AccessScope): Promise<BridgeConfigResponse> {
    const config = await this.configs.create(body, scope);
    return { ...BridgeConfigResponse.from(config), warnings: await this.configs.warningsOf(config) };
  }

  @Get()
  @ApiOperation({ operationId: 'listBridgeConfigs' })
  @ApiPage(BridgeConfigResponse)
  async list(
    @Query() query: ListBridgeConfigsQueryDto,
    @Scope() scope: AccessScope,
  ): Promise<Page<BridgeConfigResponse>> {
    const page = await this.configs.list(query, scope);
    return { ...page, items: page.items.map(BridgeConfigResponse.from) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getBridgeConfig' })
  @ApiOkResponse({ type: BridgeConfigResponse })
  @ApiErrors('bridge_config.not_found')
  async get(@Param('id', ParseIdPipe) id: number, @Scope() scope: AccessScope): Promise<BridgeConfigResponse> {
    return BridgeConfigResponse.from(await this.configs.get(id, scope));
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateBridgeConfig' })
  @ApiOkResponse({ type: BridgeConfigResponse })
  @ApiErrors(
    'bridge_config.not_found',
    'company.not_found',
    'bridge_config.url_not_allowed',
    'bridge_config.out_of_scope',
  )
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateBridgeConfigDto,
    @Scope() scope: AccessScope,
  ): Promise<BridgeConfigResponse> {
    const config = await this.configs.update(id, body, scope);
    return { ...BridgeConfigResponse.from(config), warnings: await this.configs.warningsOf(config) };
  }
}
