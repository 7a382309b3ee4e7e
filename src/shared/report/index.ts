/** Report figures: one definition of each, shared by the worker (local data) and the server (SQL). */
export * from './counts';
export * from './households';
export * from './period';
export * from './report';
export * from './rows';
export * from './table';
export * from './targets';
export * from './team';
export * from './trend';
export * from './effective';
export * from './prepared';
