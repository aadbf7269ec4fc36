export * from './platform';
export * from './flows';
export * from './team-flows';
export * from './world';
export * from './must';
