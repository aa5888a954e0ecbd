import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrors, ApiPage } from '../common/openapi/api-schema.js';
import type { Page } from '../common/pagination/page.js';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserResponse } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ operationId: 'createUser' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiErrors('company.not_found', 'login.taken', 'email.taken')
  async create(@Body() body: CreateUserDto, @Scope() scope: AccessScope): Promise<UserResponse> {
    return UserResponse.from(await this.users.create(body, scope));
  }

  @Get()
  @ApiOperation({ operationId: 'listUsers' })
  @ApiPage(UserResponse)
  async list(@Query() query: ListUsersQueryDto, @Scope() scope: AccessScope): Promise<Page<UserResponse>> {
    const page = await this.users.list(query, scope);
    return { ...page, items: page.items.map(UserResponse.from) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getUser' })
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors('user.not_found')
  async get(@Param('id', ParseIdPipe) id: number, @Scope() scope: AccessScope): Promise<UserResponse> {
    return UserResponse.from(await this.users.get(id, scope));
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateUser' })
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors('user.not_found', 'login.taken', 'email.taken')
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateUserDto,
    @Scope() scope: AccessScope,
  ): Promise<UserResponse> {
    return UserResponse.from(await this.users.update(id, body, scope));
  }
}
