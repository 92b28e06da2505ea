import { describe, expect, it } from 'vitest';
import { decodeText, findControlCharacter, lineOf } from '../../src/core/decode.js';

const name = 'Xi’an Café, Ltd.';

function utf16(text: string, endian: 'le' | 'be', bom = true): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const body = endian === 'le' ? le : Buffer.from(le).swap16();
  const mark = endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return Buffer.concat([Buffer.from(bom ? mark : []), body]);
}

describe('decodeText', () => {
  it.each([
    ['UTF-8', Buffer.from(name, 'utf8'), 'utf-8', false],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(name, 'utf8')]), 'utf-8', true],
    ['UTF-16 LE with BOM', utf16(name, 'le'), 'utf-16le', true],
    ['UTF-16 BE with BOM', utf16(name, 'be'), 'utf-16be', true],
  ] as const)('reads %s', (_label, bytes, encoding, bom) => {
    expect(decodeText(bytes)).toEqual({ ok: true, text: name, encoding, bom });
  });

  it('drops a trailing run of DOS end-of-file bytes and nothing else', () => {
    const bytes = Buffer.from('a,b\r\nc,d\r\n\u001a\u001a', 'latin1');
    expect(decodeText(bytes)).toEqual({ ok: true, text: 'a,b\r\nc,d\r\n', encoding: 'utf-8', bom: false });
  });

  it('refuses bytes that are not UTF-8, naming the byte, unless Windows-1252 is the fallback', () => {
    const bytes = Buffer.from('Caf\xe9 \x93Ltd\x94', 'latin1');
    expect(decodeText(bytes)).toEqual({ ok: false, reason: 'the bytes are not valid UTF-8 at byte 3; save the file as UTF-8' });
    expect(decodeText(bytes, { fallback: 'windows-1252' })).toEqual({
      ok: true,
      text: 'Café “Ltd”',
      encoding: 'windows-1252',
      bom: false,
    });
  });

  it('refuses UTF-16 without a byte-order mark instead of reading NULs into names', () => {
    const result = decodeText(utf16('name\tcountry\r\nSky Corp\tAE\r\n', 'le', false));
    expect(result).toEqual({ ok: false, reason: 'the bytes look like UTF-16 without a byte-order mark; save the file as UTF-8' });
  });

  it('refuses a UTF-16 body with an odd byte count', () => {
    const bytes = Buffer.concat([utf16('abc', 'le'), Buffer.from([0x41])]);
    expect(decodeText(bytes)).toEqual({ ok: false, reason: 'the bytes are not valid UTF-16LE; save the file as UTF-8' });
  });
});

describe('findControlCharacter', () => {
  it.each([
    ['plain text', 'Hikvision\tCN\r\n', null],
    ['NUL', 'Sky\u0000Corp', { index: 3, code: 0 }],
    ['DOS EOF', 'x\u001a', { index: 1, code: 0x1a }],
    ['C1 control', 'a\u0085b', { index: 1, code: 0x85 }],
  ] as const)('%s', (_label, text, expected) => {
    expect(findControlCharacter(text)).toEqual(expected);
  });
});

it('lineOf counts 1-based lines', () => {
  expect(lineOf('a\nb\nc', 0)).toBe(1);
  expect(lineOf('a\nb\nc', 2)).toBe(2);
  expect(lineOf('a\nb\nc', 4)).toBe(3);
});
