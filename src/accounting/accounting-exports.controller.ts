import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import type { AccessScope } from '../auth/access-scope.js';
import { Scope } from '../auth/api-key.guard.js';
import { ParseIdPipe } from '../common/http/parse-id.pipe.js';
import { ApiErrors, ApiFile } from '../common/openapi/api-schema.js';
import { AccountingExportsService, type ExportFile } from './accounting-exports.service.js';
import { FecQueryDto, StatementExportQueryDto } from './dto/export.dto.js';

@ApiTags('accounting')
@ApiBearerAuth()
@Controller()
export class AccountingExportsController {
  constructor(private readonly exports: AccountingExportsService) {}

  /** The FEC of a fiscal year, named `<SIREN>FEC<AAAAMMJJ>.txt`. */
  @Get('companies/:id/fec')
  @ApiProduces('text/plain')
  @ApiOperation({ operationId: 'getFec' })
  @ApiFile('text/plain')
  @ApiErrors('company.not_found', 'fiscal_year.not_found', 'siren.missing')
  async fec(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: FecQueryDto,
    @Scope() scope: AccessScope,
    @Res() response: Response,
  ): Promise<void> {
    send(response, await this.exports.fec(id, query.fiscalYear, query.encoding ?? 'iso-8859-15', scope));
  }

  /** The description of that FEC's zones and structure (A47 A-1 XI). */
  @Get('companies/:id/fec/description')
  @ApiProduces('text/plain')
  @ApiOperation({ operationId: 'getFecDescription' })
  @ApiFile('text/plain')
  @ApiErrors('company.not_found', 'fiscal_year.not_found', 'siren.missing')
  async fecDescription(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: FecQueryDto,
    @Scope() scope: AccessScope,
    @Res() response: Response,
  ): Promise<void> {
    send(response, await this.exports.fecDescription(id, query.fiscalYear, query.encoding ?? 'iso-8859-15', scope));
  }

  @Get('statements/:id/export')
  @ApiProduces('application/xml', 'application/x-ofx', 'text/csv')
  @ApiOperation({ operationId: 'exportStatement' })
  @ApiFile('application/xml', 'application/x-ofx', 'text/csv')
  @ApiErrors('statement.not_found')
  async statement(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: StatementExportQueryDto,
    @Scope() scope: AccessScope,
    @Res() response: Response,
  ): Promise<void> {
    send(response, await this.exports.statementFile(id, query.format, scope));
  }
}

function send(response: Response, file: ExportFile): void {
  // attachment() also sets a Content-Type from the extension (.txt: UTF-8): the file's own type, with the charset it
  // is really written in (an ISO-8859-15 FEC), goes after it.
  response.attachment(file.fileName);
  response.setHeader('Content-Type', file.contentType);
  if (Buffer.isBuffer(file.body)) {
    response.send(file.body);
  } else {
    file.body.on('error', (error) => response.destroy(error));
    file.body.pipe(response);
  }
}
