export interface NamespaceStats {
  hits: number;
  misses: number;
  /** Cache operations that failed (e.g. Redis down); the request was served uncached. */
  errors: number;
}

const byNamespace = new Map<string, NamespaceStats>();

function entry(namespace: string): NamespaceStats {
  let stats = byNamespace.get(namespace);
  if (!stats) {
    stats = { hits: 0, misses: 0, errors: 0 };
    byNamespace.set(namespace, stats);
  }
  return stats;
}

export const countCache = (namespace: string, outcome: keyof NamespaceStats, n = 1) => {
  entry(namespace)[outcome] += n;
};

/** Process-wide cache-aside counters by namespace, for the metrics exporter. */
export function cacheStats(): Record<string, NamespaceStats> {
  return Object.fromEntries([...byNamespace].map(([ns, s]) => [ns, { ...s }]));
}
