import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import nodemailer from 'nodemailer';
import { createLogger } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { createStores } from '../shared/stores';
import { budgetsFixture } from '../testing/budgets-fixture';
import type { RemoteServices } from '../remote/remote-services';
import { runNotifier } from './notification.service';

/**
 * E-mail through a real SMTP relay (maildev, read back through its REST API): a person with
 * e-mail on gets her new inbox items as a digest, at most one an hour unless urgent, naming no
 * client; settings are her own and refused to roles without an e-mail inbox.
 */
const year = new Date().getFullYear();
const providerId = crypto.randomUUID();
const clients = new Map<string, string>();
const remote: RemoteServices = {
  clients: {
    client: async (_c, id) =>
      clients.has(id) ? { id, municipalityCode: clients.get(id)!, firstName: 'Salainen' } : null,
  },
  providers: {
    provider: async (_c, id) =>
      id === providerId
        ? {
            id,
            kind: 'COMPANY',
            approvalStatus: 'APPROVED',
            municipalitiesServed: ['837'],
            offerings: [{ id: crypto.randomUUID(), serviceTypeCode: 'DAY_ACTIVITIES' }],
          }
        : null,
  },
  consents: { myConsentScopes: async () => [] },
};

const f = budgetsFixture({ seed: 'demo', remote, today: `${year}-08-08` });
const { as } = f;
let maildev: { stop(): Promise<void> };
let smtpPort: number;
let webPort: number;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  smtpPort = await freePort();
  webPort = await freePort();
  // The real mail catcher, as its own process (its CLI; maildev is an ES module).
  const child = spawn(
    path.resolve(__dirname, '../../node_modules/.bin/maildev'),
    ['--smtp', String(smtpPort), '--web', String(webPort), '--ip', '127.0.0.1', '--silent'],
    { stdio: 'ignore' },
  );
  maildev = {
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
  for (let i = 0; ; i++) {
    const up = await fetch(`http://127.0.0.1:${webPort}/api/email`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 300) throw new Error('maildev did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);

afterAll(async () => {
  await maildev?.stop();
});

interface Mail {
  subject: string;
  text: string;
  to: Array<{ address: string }>;
}
const inbox = async (address: string): Promise<Mail[]> => {
  const res = await fetch(`http://127.0.0.1:${webPort}/api/email`);
  const all = (await res.json()) as Mail[];
  return all.filter((m) => m.to.some((t) => t.address === address));
};

const notifier = (now: Date) =>
  runNotifier(
    createStores(f.database.dataSource),
    {
      transport: nodemailer.createTransport(`smtp://127.0.0.1:${smtpPort}`),
      from: 'HB-keskus <noreply@hb.test>',
      inboxUrl: 'http://hb.test/inbox',
      now: () => now,
    },
    createLogger('test', 'silent'),
  );

/** A Tampere client with a budget committed to the provider; returns its commitment. */
async function clientWithCommitment(): Promise<string> {
  const clientId = crypto.randomUUID();
  clients.set(clientId, '837');
  const worker = principal('WORKER', { municipalities: ['837'] });
  const [cls] = (await f.database.dataSource.query(
    `SELECT id FROM budgets.hb_class WHERE service_type = 'DAY_ACTIVITIES' AND municipality_code = '837' AND level IS NULL`,
  )) as Array<{ id: string }>;
  const ctx = as(worker);
  const decided = await ctx.budgets.decide(
    {
      clientId,
      year,
      serviceType: 'DAY_ACTIVITIES',
      hbClassId: cls!.id,
      unitPrice: '5000.00',
      weeklyUnits: null,
      weeks: null,
      paymentIntervalMonths: 12,
      instrument: 'VOUCHER',
    },
    ctx.catalog,
  );
  const issued = await as(worker).commitments.issue({
    budgetId: decided.budget!.id,
    providerId,
    amount: '5000.00',
    reason: 'Suunnitelma',
    discretionaryReason: null,
  });
  return issued.commitment!.id;
}

const raise = async (commitmentId: string) =>
  expect(
    (
      await as(principal('PROVIDER', { providerId })).concerns.raise({
        commitmentId,
        kind: 'ABNORMAL_USE',
        message: 'Salainen kertoi asiasta X.',
      })
    ).errors,
  ).toEqual([]);

describe('e-mail notifications', () => {
  it('sends a digest at most once an hour, without client data', async () => {
    const email = `worker-${crypto.randomBytes(3).toString('hex')}@hb.test`;
    const worker = principal('WORKER', { sub: crypto.randomUUID(), municipalities: ['837'] });
    const saved = await as(worker).notifications.save({ email, enabled: true, daily: false });
    expect(saved.errors).toEqual([]);
    const commitmentId = await clientWithCommitment();
    await raise(commitmentId);
    const t0 = new Date();
    await notifier(t0);
    let mails = await inbox(email);
    expect(mails.map((m) => m.subject)).toEqual(['HB-keskus: 2 uutta viestiä']);
    expect(mails[0]!.text).toContain(
      'Palveluntuottajan huoli: asiakkaan palvelunkäyttö on poikkeavaa',
    );
    expect(mails[0]!.text).toContain('http://hb.test/inbox');
    expect(mails[0]!.text).not.toContain('Salainen');

    await raise(commitmentId);
    await notifier(new Date(t0.getTime() + 30 * 60_000));
    expect(await inbox(email)).toHaveLength(1);
    await notifier(new Date(t0.getTime() + 61 * 60_000));
    mails = await inbox(email);
    expect(mails.map((m) => m.subject)).toEqual([
      'HB-keskus: 2 uutta viestiä',
      'HB-keskus: 1 uusi viesti',
    ]);
    // Nothing new: nothing sent, however much later.
    await notifier(new Date(t0.getTime() + 3 * 60 * 60_000));
    expect(await inbox(email)).toHaveLength(2);
  });

  it('sends nothing to a person who turned e-mail off', async () => {
    const email = `off-${crypto.randomBytes(3).toString('hex')}@hb.test`;
    const adviser = principal('ADVISER', { sub: crypto.randomUUID(), municipalities: ['837'] });
    await as(adviser).notifications.save({ email, enabled: false, daily: false });
    await clientWithCommitment();
    await notifier(new Date());
    expect(await inbox(email)).toEqual([]);
  });

  it('refuses a bad address and roles without an e-mail inbox', async () => {
    const worker = principal('WORKER', { municipalities: ['837'] });
    const bad = await as(worker).notifications.save({
      email: 'ei osoite',
      enabled: true,
      daily: false,
    });
    expect(bad.errors.map((e) => e.code)).toEqual(['VALIDATION']);
    for (const who of [
      null,
      principal('PROVIDER', { providerId }),
      principal('ORGANISER', { municipalities: ['837'] }),
      principal('TEAM_MEMBER', { clientId: crypto.randomUUID() }),
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['budgets:read'] }),
    ])
      await expect(
        as(who).notifications.save({ email: 'x@hb.test', enabled: true, daily: false }),
      ).rejects.toMatchObject({ extensions: { code: who ? 'FORBIDDEN' : 'UNAUTHENTICATED' } });
  });
});
