// "Did you mean …" for mistyped ids: the closest known ids by edit distance, plus any that
// contain what was typed.

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}

export function similarIds(typed: string, known: readonly string[], limit = 5): string[] {
  const wanted = typed.toLowerCase();
  const name = wanted.split('/').pop() ?? wanted;
  const scored = known.map((id) => {
    const idName = id.split('/').pop() ?? id;
    const contains = wanted.length >= 3 && (id.includes(wanted) || (name.length >= 3 && idName.includes(name)));
    return { id, score: contains ? 0 : Math.min(distance(wanted, id), distance(name, idName)) };
  });
  const threshold = Math.max(2, Math.floor(wanted.length / 3));
  return scored
    .filter((s) => s.score <= threshold)
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((s) => s.id);
}
