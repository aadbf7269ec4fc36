import { MAX_RECEIPT_BYTES, checkReceipt, receiptFileName, sniffReceipt } from './receipt';

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(17),
  Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
]);
const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.alloc(40),
  Buffer.from([0xff, 0xd9]),
]);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
const b64 = (b: Buffer) => b.toString('base64');

describe('sniffReceipt', () => {
  it.each([
    ['a PNG', png, 'image/png'],
    ['a JPEG', jpeg, 'image/jpeg'],
    ['a JPEG padded after its end', Buffer.concat([jpeg, Buffer.alloc(10)]), 'image/jpeg'],
    ['a PDF', pdf, 'application/pdf'],
    ['a PNG cut short', png.subarray(0, png.length - 4), null],
    ['a JPEG without its end', jpeg.subarray(0, jpeg.length - 2), null],
    ['a PDF without %%EOF', Buffer.from('%PDF-1.4\n1 0 obj', 'latin1'), null],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), null],
    ['HTML named receipt.pdf', Buffer.from('<html><script>x</script></html>'), null],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), null],
    ['a ZIP (docx)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), null],
    ['a Windows executable', Buffer.from('MZ\x90\x00', 'latin1'), null],
    ['nothing', Buffer.alloc(0), null],
  ])('%s', (_name, bytes, expected) => {
    expect(sniffReceipt(bytes)).toBe(expected);
  });
});

describe('checkReceipt', () => {
  it('accepts base64 of each type, also as a data URL', () => {
    expect(checkReceipt(b64(png))).toMatchObject({ ok: true, type: 'image/png' });
    expect(checkReceipt(`data:application/pdf;base64,${b64(pdf)}`)).toMatchObject({
      ok: true,
      type: 'application/pdf',
    });
    const ok = checkReceipt(b64(jpeg));
    expect(ok.ok && ok.bytes.equals(jpeg)).toBe(true);
  });

  it.each([
    ['empty', '', 'RECEIPT_EMPTY'],
    ['only padding', '====', 'RECEIPT_TYPE'],
    ['not base64', 'äää!', 'RECEIPT_TYPE'],
    ['text disguised as .jpg', b64(Buffer.from('not an image at all')), 'RECEIPT_TYPE'],
    [
      'an image type claimed in a data URL',
      `data:image/png;base64,${b64(Buffer.from('<svg/>'))}`,
      'RECEIPT_TYPE',
    ],
  ])('%s', (_name, input, code) => {
    expect(checkReceipt(input)).toMatchObject({ ok: false, code });
  });

  it('refuses one byte over the limit and accepts the limit', () => {
    const at = Buffer.concat([
      pdf.subarray(0, 9),
      Buffer.alloc(MAX_RECEIPT_BYTES - pdf.length),
      pdf.subarray(9),
    ]);
    expect(at.length).toBe(MAX_RECEIPT_BYTES);
    expect(checkReceipt(b64(at))).toMatchObject({ ok: true });
    const over = Buffer.concat([at.subarray(0, 9), Buffer.alloc(1), at.subarray(9)]);
    expect(checkReceipt(b64(over))).toMatchObject({ ok: false, code: 'RECEIPT_TOO_LARGE' });
    expect(checkReceipt('A'.repeat(8_000_000))).toMatchObject({
      ok: false,
      code: 'RECEIPT_TOO_LARGE',
    });
  });
});

describe('receiptFileName', () => {
  it.each([
    ['kuitti.PDF', 'application/pdf', 'kuitti.pdf'],
    ['../../etc/passwd', 'image/png', 'passwd.png'],
    ['C:\\Users\\essi\\lasku "1".jpg', 'image/jpeg', 'lasku 1.jpg'],
    ['photo.jpg', 'application/pdf', 'photo.pdf'],
    [null, 'image/jpeg', 'kuitti.jpg'],
    ['\u0000\u0007', 'image/png', 'kuitti.png'],
  ] as const)('%s as %s → %s', (name, type, expected) => {
    expect(receiptFileName(name, type)).toBe(expected);
  });
});
