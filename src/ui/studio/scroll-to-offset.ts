/**
 * Scrolls a textarea so the text at `offset` sits in the middle of its box. Selecting a range does not scroll a
 * textarea in Chromium, and line × line-height is wrong as soon as a long line wraps, so a hidden copy of the textarea
 * with the same width and styles holds the text before the offset and its height says where that line starts.
 */
export function scrollToOffset(area: HTMLTextAreaElement, offset: number): void {
  const probe = area.cloneNode() as HTMLTextAreaElement;
  probe.setAttribute('aria-hidden', 'true');
  probe.tabIndex = -1;
  // The editor's text width is its client width (its scrollbar excluded); the probe has no scrollbar of its own.
  const cs = getComputedStyle(area);
  const width = area.clientWidth + parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth);
  Object.assign(probe.style, {
    position: 'absolute',
    visibility: 'hidden',
    boxSizing: 'border-box',
    width: `${width}px`,
    height: '0',
    minHeight: '0',
    overflow: 'hidden',
  });
  probe.value = area.value.slice(0, offset);
  area.after(probe);
  const top = probe.scrollHeight;
  probe.remove();
  area.scrollTop = Math.max(0, top - area.clientHeight / 2);
}
