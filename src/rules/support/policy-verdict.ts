/** Moved to src/providers/aws/iam/judge.ts (issue 12); this re-export goes when the last rule has moved to the models. */
export * from '../../providers/aws/iam/judge';
