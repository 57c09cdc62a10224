import { Controller, Delete, Get, Param, Req } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ContactErasureResponse, ContactExport } from '@caseyos/contracts';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../platform/auth/actor';
import { ContactPrivacyService } from './contact-privacy.service';
import { ContactParamsDto } from './dto/contact-params.dto';

@ApiTags('privacy')
@Controller('api/contacts')
export class ContactsController {
  constructor(private readonly privacy: ContactPrivacyService) {}

  @Get(':email/export')
  @ApiOkResponse({
    description:
      "Everything CaseyOS holds about the person, as one JSON document grouped by kind (every list empty for an unknown address). Audited under the address's pseudonym.",
  })
  export(@Param() params: ContactParamsDto, @Req() request: FastifyRequest): Promise<ContactExport> {
    return this.privacy.export(params.email, actorOf(request));
  }

  @Delete(':email')
  @ApiOkResponse({
    description:
      'Erased: counts per table (rows deleted, rows scrubbed) and the Gmail drafts and HubSpot tasks removed or left in place. An unknown address: every count 0. Safe to repeat.',
  })
  @ApiConflictResponse({ description: 'An execution for the person is running, or made something during the erasure: erase again.' })
  @ApiBadGatewayResponse({ description: 'A provider did not remove an object (listed in `failed`): nothing in CaseyOS was erased yet; erase again.' })
  erase(@Param() params: ContactParamsDto, @Req() request: FastifyRequest): Promise<ContactErasureResponse> {
    return this.privacy.erase(params.email, actorOf(request));
  }
}
