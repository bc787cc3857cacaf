import DOMPurify from 'dompurify';

/** Attributes that load something by themselves when the page shows the element (no click needed). */
const LOADING_ATTRS = new Set(['src', 'srcset', 'poster', 'background', 'data', 'xlink:href']);

/**
 * A URL the browser would fetch from another host: anything with a scheme (http:, https:, ftp:…) or protocol-relative,
 * except `data:` (inline, no request). Relative paths stay: they load from the app itself.
 */
export function isRemoteUrl(url: string): boolean {
  const u = url.trim().toLowerCase();
  if (u.startsWith('//')) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(u);
  return scheme !== null && scheme[1] !== 'data';
}

// Authored images, audio and video may only come with the app: a remote `src` would make the app contact an outside
// host (and tell it who opened which briefing) without anyone configuring it.
DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
  if (LOADING_ATTRS.has(data.attrName) && isRemoteUrl(data.attrValue)) data.keepAttr = false;
});

/**
 * Sanitises authored HTML (Markdown rendered by the script compiler) before it reaches the DOM: scripts, event
 * handlers, javascript: URLs and foreign embeds are removed, so a script file can never run code in a trainee's
 * browser; remote images and media are stripped (no request leaves the app), and ARIA live roles are dropped so
 * authored text cannot pose as the app's own alerts.
 */
export function safeHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'iframe', 'object', 'embed', 'form', 'input'],
    FORBID_ATTR: ['style', 'role', 'aria-live', 'aria-atomic', 'aria-relevant'],
  });
}
