/** Text normalisation shared by writers and the schema upgrade. */

/** Staff numbers typed through a Chinese IME often arrive as full-width digits or with stray spaces. */
export function normalizeStaffNo(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}
