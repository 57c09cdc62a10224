import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'caseyos:public';

/** Opens a route to unauthenticated callers: health checks and sign-in only. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
