export * from './launch';
export * from './compose';
export * from './services';
