/** Moved to src/providers/aws/iam/ (issue 12); this re-export goes when the last rule has moved to the models. */
export * from '../../providers/aws/iam/policy';
export * from '../../providers/aws/iam/matching';
export * from '../../providers/aws/iam/parse';
export * from '../../providers/aws/iam/policy-values';
