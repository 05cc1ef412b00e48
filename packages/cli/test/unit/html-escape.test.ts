import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/dashboard/html-escape.js';

const unescapeHtml = (html: string): string =>
  html
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&#96;', '`')
    .replaceAll('&amp;', '&');

describe('escapeHtml', () => {
  it('CLI-23 neutralises hostile markup', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml('"><img src=x onerror=alert(1)>')).toBe(
      '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;',
    );
    expect(escapeHtml("it's `x` & y")).toBe('it&#39;s &#96;x&#96; &amp; y');
  });

  test.prop([fc.string({ unit: 'binary' })])(
    'CLI-24 the output has no markup characters and unescapes to the input',
    (text) => {
      const html = escapeHtml(text);
      expect(html).not.toMatch(/[<>"'`]/);
      expect(unescapeHtml(html)).toBe(text);
    },
  );
});
