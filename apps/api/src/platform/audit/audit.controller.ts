import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuditEntry, Page } from '@caseyos/contracts';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ description: 'Audit entries, newest first, with next_cursor for the next page.' })
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEntry>> {
    const { subject_type: subjectType, subject_id: subjectId, ...rest } = query;
    return this.audit.list({ ...rest, subjectType, subjectId });
  }
}
