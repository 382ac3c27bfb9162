export * from '../../providers/aws/kms/keys';
