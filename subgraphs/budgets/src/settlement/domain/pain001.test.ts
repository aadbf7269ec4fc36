import fs from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { pain001Xml, type Pain001Message } from './pain001';

/**
 * The generated file against the ISO 20022 schema, with libxml2's validator (xmllint compiled to
 * WebAssembly, so CI needs no native build). The schema is in the shared standards folder beside
 * the repository (../shared/standards/ from the repository root).
 */
const XSD = path.resolve(__dirname, '../../../../../../shared/standards/pain.001.001.03.xsd');

async function validate(xml: string) {
  return validateXML({
    xml: [{ fileName: 'pain001.xml', contents: xml }],
    schema: [{ fileName: 'pain.001.001.03.xsd', contents: fs.readFileSync(XSD, 'utf8') }],
  });
}

const message = (over: Partial<Pain001Message> = {}): Pain001Message => ({
  messageId: 'HB-837-000042',
  createdAt: new Date('2026-11-30T10:15:00Z'),
  executionDate: '2026-12-02',
  debtor: { name: 'Pirkanmaan hyvinvointialue', iban: 'FI2112345600000785', bic: 'NDEAFIHH' },
  transfers: [
    {
      endToEndId: 'HB-837-000042',
      creditorName: 'Päivätoiminta Kipinä Oy',
      creditorIban: 'FI5542345670000081',
      creditorBic: null,
      amountCents: 3_712_000,
      remittance: 'HB maksuerä HB-837-000042, jakso 1.10.–31.10.2026, 3 veloitusta',
    },
  ],
  ...over,
});

const text = (xml: string, tag: string) =>
  [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);

describe('pain.001.001.03', () => {
  it('the schema file is there', () => {
    expect(fs.existsSync(XSD)).toBe(true);
  });

  it('a batch file validates against the ISO 20022 XSD', async () => {
    const xml = pain001Xml(message());
    const result = await validate(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml).toContain('xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"');
    expect(text(xml, 'MsgId')).toEqual(['HB-837-000042']);
    expect(text(xml, 'CtrlSum')).toEqual(['37120.00', '37120.00']);
    expect(text(xml, 'InstdAmt')).toEqual(['37120.00']);
    expect(text(xml, 'IBAN')).toEqual(['FI2112345600000785', 'FI5542345670000081']);
    expect(text(xml, 'ReqdExctnDt')).toEqual(['2026-12-02']);
    expect(text(xml, 'EndToEndId')).toEqual(['HB-837-000042']);
  });

  it('many transfers: exact control sum, long texts cut to the schema, still valid', async () => {
    const transfers = Array.from({ length: 50 }, (_, i) => ({
      endToEndId: `HB-837-${String(i).padStart(6, '0')}-${'x'.repeat(40)}`,
      creditorName: `Palveluntuottaja ${i} ${'ö'.repeat(80)}`,
      creditorIban: 'FI5542345670000081',
      creditorBic: 'OKOYFIHH',
      amountCents: 1 + i * 1_000_003,
      remittance: 'ä'.repeat(300),
    }));
    const xml = pain001Xml(message({ transfers }));
    const result = await validate(xml);
    expect(result.errors).toEqual([]);
    const cents = transfers.reduce((s, t) => s + t.amountCents, 0);
    expect(text(xml, 'CtrlSum')).toEqual([
      `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
    ]);
    expect(text(xml, 'NbOfTxs')).toEqual(['50', '50']);
  });

  it('names with XML characters, control characters and any Unicode still make a valid file', async () => {
    const transfer = message().transfers[0]!;
    const xml = pain001Xml(
      message({
        transfers: [
          { ...transfer, creditorName: 'A & B <Oy>\u0000\tÅbo "Café" €', remittance: 'x\u0007y' },
        ],
      }),
    );
    expect((await validate(xml)).errors).toEqual([]);
    expect(text(xml, 'Nm')[2]).toBe('A &amp; B &lt;Oy&gt; Åbo &quot;Café&quot; €');
    expect(text(xml, 'Ustrd')).toEqual(['x y']);
  });

  it('the validator does reject a broken file (the test can fail)', async () => {
    const xml = pain001Xml(message()).replace('<ChrgBr>SLEV</ChrgBr>', '<ChrgBr>NOPE</ChrgBr>');
    const result = await validate(xml);
    expect(result.valid).toBe(false);
  });

  it.each([
    ['no transfers', message({ transfers: [] })],
    ['a zero amount', message({ transfers: [{ ...message().transfers[0]!, amountCents: 0 }] })],
  ])('refuses %s', (_name, m) => {
    expect(() => pain001Xml(m)).toThrow();
  });
});
