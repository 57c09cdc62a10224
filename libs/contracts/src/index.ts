export * from './audit';
export * from './auth';
export * from './command-queue';
export * from './domain';
export * from './health';
export * from './http';
export * from './integrations';
export * from './queues';
