/** Guided-mode options in a stable but mixed order, so the good reply is not always the first button. */
export function shuffledOptions<T extends { text: string }>(
  options: readonly T[],
  salt: number,
): (T & { index: number })[] {
  const hash = (s: string) => {
    let h = 2166136261 ^ salt;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    return h >>> 0;
  };
  return options.map((o, index) => ({ ...o, index })).sort((a, b) => hash(a.text) - hash(b.text));
}
