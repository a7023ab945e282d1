// Did-you-mean for misspelt keys, task names and layout names.

/** The closest candidate if it is close enough to be a likely typo. */
export function findClosest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = measureDistance(word, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  // Two edits, or a third of the word for long words: beyond that a suggestion is noise.
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** "did you mean 'x'?" or, with nothing close, "<label> <a, b, c>". */
export function suggestFix(word: string, candidates: readonly string[], label: string): string {
  const best = findClosest(word, candidates);
  if (best !== undefined) return `did you mean '${best}'?`;
  return `${label} ${candidates.join(', ')}`;
}

/** Levenshtein distance. */
export function measureDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}
