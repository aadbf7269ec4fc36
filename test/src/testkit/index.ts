export * from './platform';
export * from './flows';
