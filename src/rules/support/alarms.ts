export * from '../../providers/aws/monitoring/alarms';
