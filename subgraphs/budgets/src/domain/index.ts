/**
 * Pure budget domain logic: calculation, instalment schedules and alert rules. Nothing here
 * touches the database or GraphQL, so services can call it freely and tests need no setup.
 */
export * from './alert-rules';
export * from './budget-calculation';
export * from './calendar';
export * from './finnish-format';
export * from './instalment-schedule';
export * from './money';
export * from './validation';
export * from './budget-schedule';
export * from './reschedule';
export * from './commitment-rules';
export * from './charge-rules';
export * from './age-band';
