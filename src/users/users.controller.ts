import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import type { Page } from '../common/pagination/page.js';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserResponse } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOkResponse({ type: UserResponse })
  async create(@Body() body: CreateUserDto, @Scope() scope: AccessScope): Promise<UserResponse> {
    return UserResponse.from(await this.users.create(body, scope));
  }

  @Get()
  async list(@Query() query: ListUsersQueryDto, @Scope() scope: AccessScope): Promise<Page<UserResponse>> {
    const page = await this.users.list(query, scope);
    return { ...page, items: page.items.map(UserResponse.from) };
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  async get(@Param('id', ParseIdPipe) id: number, @Scope() scope: AccessScope): Promise<UserResponse> {
    return UserResponse.from(await this.users.get(id, scope));
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserResponse })
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateUserDto,
    @Scope() scope: AccessScope,
  ): Promise<UserResponse> {
    return UserResponse.from(await this.users.update(id, body, scope));
  }
}
