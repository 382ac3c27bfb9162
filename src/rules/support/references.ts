/** Moved to src/providers/links.ts (issue 12); this re-export goes when the last rule has moved to the models. */
export * from '../../providers/links';
