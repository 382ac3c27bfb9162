/**
 * Per-graph memory for derived facts several rules ask for (is this subnet public?). A graph does not
 * change once built, so a fact computed for it stays true; the cache goes with the graph.
 */
import { ResourceGraph } from '../graph/model';

const caches = new WeakMap<ResourceGraph, Map<string, unknown>>();

export function memo<T>(graph: ResourceGraph, key: string, compute: () => T): T {
  let cache = caches.get(graph);
  if (!cache) {
    cache = new Map();
    caches.set(graph, cache);
  }
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  cache.set(key, value);
  return value;
}
