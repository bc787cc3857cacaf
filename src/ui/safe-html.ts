import DOMPurify from 'dompurify';

/**
 * Sanitises authored HTML (Markdown rendered by the script compiler) before it reaches the DOM: scripts, event
 * handlers, javascript: URLs and foreign embeds are removed, so a script file can never run code in a trainee's browser.
 */
export function safeHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'iframe', 'object', 'embed', 'form', 'input'],
    FORBID_ATTR: ['style'],
  });
}
