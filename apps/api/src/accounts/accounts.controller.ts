import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AccountHealth } from '@caseyos/contracts';
import { ProblemException } from '../platform/http/problem-details.filter';
import { AccountsService } from './accounts.service';

@ApiTags('accounts')
@Controller('api/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get(':company/health')
  @ApiOkResponse({ description: 'CS risk score 0-100 of a company, with its parts.' })
  @ApiNotFoundResponse({ description: 'No such account.' })
  async health(@Param('company') company: string): Promise<AccountHealth> {
    const health = company.length <= 200 ? await this.accounts.health(company) : null;
    if (!health) throw new ProblemException(404, 'not-found', `No account named ${JSON.stringify(company.slice(0, 200))}.`);
    return health;
  }
}
