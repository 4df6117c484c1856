/** Charset detection and decoding: BOM, then header, then meta/XML declaration, with browser supersets. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml, detectCharset } from '../../src/fetch/charset.js';

const page = (head: string, body: string, charset: string) => iconv.encode(`<html><head>${head}</head><body><p>${body}</p></body></html>`, charset);

describe('detectCharset', () => {
  it('prefers the BOM over the header and the header over the meta', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<meta charset="koi8-r">')]);
    expect(detectCharset(bom, 'text/html; charset=windows-1251')).toBe('utf-8');
    expect(detectCharset(Buffer.from('<meta charset="koi8-r">'), 'text/html; charset=windows-1251')).toBe('windows-1251');
    expect(detectCharset(Buffer.from('<meta charset="koi8-r">'), 'text/html')).toBe('koi8-r');
  });

  it('reads http-equiv metas and XML declarations', () => {
    expect(detectCharset(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'))).toBe('shift_jis');
    expect(detectCharset(Buffer.from('<?xml version="1.0" encoding="ISO-8859-15"?><rss/>'))).toBe('iso-8859-15');
  });

  it('decodes latin1 and ASCII labels as windows-1252, like browsers', () => {
    expect(detectCharset(Buffer.from(''), 'text/html; charset=ISO-8859-1')).toBe('windows-1252');
    expect(detectCharset(Buffer.from('<meta charset="us-ascii">'))).toBe('windows-1252');
  });

  it('maps gb2312 to gbk and tis-620 to windows-874', () => {
    expect(detectCharset(Buffer.from('<meta charset="gb2312">'))).toBe('gbk');
    expect(detectCharset(Buffer.from(''), 'text/html; charset=TIS-620')).toBe('windows-874');
  });

  it('falls through an unknown header label to the meta', () => {
    expect(detectCharset(Buffer.from('<meta charset="windows-1250">'), 'text/html; charset=none')).toBe('windows-1250');
  });

  it('treats a meta that claims UTF-16 as UTF-8 (it was readable as ASCII)', () => {
    expect(detectCharset(Buffer.from('<meta charset="utf-16">'))).toBe('utf-8');
  });

  it('defaults to UTF-8', () => {
    expect(detectCharset(Buffer.from('<p>plain</p>'))).toBe('utf-8');
  });
});

describe('decodeHtml', () => {
  it('decodes a windows-1252 page with curly quotes declared as latin1', () => {
    const text = '“Patch now,” the agency’s advisory said — twice.';
    const html = decodeHtml(page('<meta charset="iso-8859-1">', text, 'windows-1252'));
    expect(html).toContain(text);
  });

  it('decodes a GBK page declared as gb2312, characters outside GB2312 included', () => {
    const text = '国家网络安全通报中心发布预警 — 镕'; // 镕 is in GBK, not in GB2312
    expect(decodeHtml(page('<meta charset="gb2312">', text, 'gbk'))).toContain(text);
  });

  it('decodes UTF-16 with a BOM and drops the BOM', () => {
    const text = 'Заявление ведомства';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(`<p>${text}</p>`, 'utf-16le')]);
    const html = decodeHtml(bytes);
    expect(html).toBe(`<p>${text}</p>`);
  });

  it('decodes a koi8-r page by its header', () => {
    const text = 'Киберпреступники атаковали провайдера';
    expect(decodeHtml(page('', text, 'koi8-r'), 'text/html; charset=KOI8-R')).toContain(text);
  });
});
