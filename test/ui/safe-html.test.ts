import { describe, expect, it } from 'vitest';
import { safeHtml } from '../../src/ui/safe-html.ts';

describe('safeHtml', () => {
  it('keeps the formatting trainers write', () => {
    expect(safeHtml('<p><strong>先核身</strong>，再说明来意。</p><ul><li>一</li></ul>')).toBe(
      '<p><strong>先核身</strong>，再说明来意。</p><ul><li>一</li></ul>',
    );
  });

  it('removes scripts, event handlers and javascript: links from authored HTML', () => {
    const out = safeHtml(
      '<p>hi<img src="x" onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">x</a></p>',
    );
    expect(out).not.toMatch(/onerror|<script|javascript:/);
    expect(out).toContain('<img src="x">');
  });

  it('drops iframes and inline styles that could overlay the page', () => {
    expect(safeHtml('<iframe src="https://example.com"></iframe><p style="position:fixed">x</p>')).toBe('<p>x</p>');
  });
});

describe('safeHtml and outside hosts', () => {
  it('strips remote image and media sources, so showing a briefing contacts no other host', () => {
    const out = safeHtml(
      '<p><img src="https://tracker.example/p.png" alt="a"><img src="//cdn.example/x.png" alt="b">' +
        '<img srcset="https://x.example/1.png 1x" alt="c"><video poster="http://x.example/p.jpg"></video></p>',
    );
    expect(out).not.toMatch(/example/);
    expect(out).toContain('alt="a"');
  });
  it('keeps images that come with the app or inline', () => {
    const out = safeHtml(
      '<p><img src="img/card.png" alt="卡面"><img src="data:image/png;base64,iVBORw0KGgo=" alt="d"></p>',
    );
    expect(out).toContain('src="img/card.png"');
    expect(out).toContain('src="data:image/png;base64,iVBORw0KGgo="');
  });
  it('keeps links (a click, not a load) but drops roles that would pose as the app’s alerts', () => {
    const out = safeHtml(
      '<p><a href="https://www.pbc.gov.cn/">人民银行</a></p><div role="alert" aria-live="assertive">系统通知：考试已通过</div>',
    );
    expect(out).toContain('href="https://www.pbc.gov.cn/"');
    expect(out).not.toMatch(/role=|aria-live/);
  });
});
