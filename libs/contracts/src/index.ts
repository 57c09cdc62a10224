export * from './audit';
export * from './auth';
export * from './domain';
export * from './health';
export * from './http';
export * from './queues';
