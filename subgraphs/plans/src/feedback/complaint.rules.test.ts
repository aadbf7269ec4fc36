import { COMPLAINT_STATUSES, complaintStep, type ComplaintStep } from './complaint.rules';

describe('complaintStep', () => {
  const table: Array<[ComplaintStep, Record<string, string | null>]> = [
    ['START', { RECEIVED: 'IN_PROGRESS', IN_PROGRESS: null, ANSWERED: null, CLOSED: null }],
    [
      'PROVIDER_RESPONSE',
      { RECEIVED: 'RECEIVED', IN_PROGRESS: 'IN_PROGRESS', ANSWERED: null, CLOSED: null },
    ],
    [
      'ANSWER',
      { RECEIVED: 'ANSWERED', IN_PROGRESS: 'ANSWERED', ANSWERED: 'ANSWERED', CLOSED: null },
    ],
    ['CLOSE', { RECEIVED: null, IN_PROGRESS: null, ANSWERED: 'CLOSED', CLOSED: null }],
  ];
  it.each(table)('%s', (step, expected) => {
    for (const from of COMPLAINT_STATUSES)
      expect([from, complaintStep(from, step)]).toEqual([from, expected[from]]);
  });
});
