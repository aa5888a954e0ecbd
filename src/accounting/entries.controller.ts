import { All, Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import { ConflictError } from '../common/errors/domain-errors.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrors, ApiPage } from '../common/openapi/api-schema.js';
import type { Page } from '../common/pagination/page.js';
import { EntryResponse, ListEntriesQueryDto } from './dto/entry.dto.js';
import { EntriesService } from './entries.service.js';

@ApiTags('accounting')
@ApiBearerAuth()
@Controller('entries')
export class EntriesController {
  constructor(private readonly entries: EntriesService) {}

  @Get()
  @ApiOperation({ operationId: 'listEntries' })
  @ApiPage(EntryResponse)
  async list(@Query() query: ListEntriesQueryDto, @Scope() scope: AccessScope): Promise<Page<EntryResponse>> {
    const page = await this.entries.list(query, scope);
    return { ...page, items: page.items.map((entry) => EntryResponse.from(entry)) };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getEntry' })
  @ApiOkResponse({ type: EntryResponse })
  @ApiErrors('entry.not_found')
  async get(@Param('id', ParseIdPipe) id: number, @Scope() scope: AccessScope): Promise<EntryResponse> {
    return EntryResponse.from(await this.entries.get(id, scope));
  }

  /** Entries are immutable: any other method on one answers 409 (after the usual 404 for what the caller cannot see). */
  @All(':id')
  @ApiExcludeEndpoint()
  @ApiConflictResponse({ description: 'entry.immutable' })
  async refuseChange(@Param('id', ParseIdPipe) id: number, @Scope() scope: AccessScope): Promise<never> {
    const entry = await this.entries.get(id, scope);
    throw new ConflictError(
      'entry.immutable',
      `Entry ${entry.ecritureNum} is validated: it is never changed or deleted; to correct it, accept the bank's change of its line (a reversal and a new entry)`,
    );
  }
}
