import { CatalogueAdmission, CatalogueBusy } from './catalogue-admission';

/** A piece of work that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  return { open, work: () => done };
}

describe('catalogue admission', () => {
  it.each([
    // concurrency, queue, submitted → running, waiting, refused
    [1, 0, 3, 1, 0, 2],
    [2, 3, 4, 2, 2, 0],
    [2, 3, 5, 2, 3, 0],
    [2, 3, 8, 2, 3, 3],
    [4, 16, 30, 4, 16, 10],
  ])(
    'concurrency %i, queue %i: of %i searches %i run, %i wait and %i are refused',
    async (concurrency, queue, submitted, running, waiting, refused) => {
      const admission = new CatalogueAdmission({ concurrency, queue });
      const g = gate();
      const results = Array.from({ length: submitted }, () =>
        admission.run(g.work).then(
          () => 'ok',
          (e: unknown) => (e instanceof CatalogueBusy ? 'busy' : 'other'),
        ),
      );
      await Promise.resolve();
      expect(admission.load).toEqual({ running, waiting });
      expect(admission.refused).toBe(refused);
      g.open();
      const outcomes = await Promise.all(results);
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(running + waiting);
      expect(outcomes.filter((o) => o === 'busy')).toHaveLength(refused);
      expect(admission.load).toEqual({ running: 0, waiting: 0 });
    },
  );

  it('hands turns over in order and frees the turn of a failed search', async () => {
    const admission = new CatalogueAdmission({ concurrency: 1, queue: 2 });
    const order: string[] = [];
    const first = gate();
    const a = admission.run(async () => {
      await first.work();
      throw new Error('database down');
    });
    const b = admission.run(async () => void order.push('b'));
    const c = admission.run(async () => void order.push('c'));
    first.open();
    await expect(a).rejects.toThrow('database down');
    await Promise.all([b, c]);
    expect(order).toEqual(['b', 'c']);
    expect(admission.load).toEqual({ running: 0, waiting: 0 });
  });

  it.each([
    [0, 1],
    [1.5, 1],
    [1, -1],
  ])('refuses concurrency %p with queue %p', (concurrency, queue) => {
    expect(() => new CatalogueAdmission({ concurrency, queue })).toThrow();
  });
});
