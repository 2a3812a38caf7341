// Data resources CAP Advisor does not model as stores: their consistency and
// replication are not judged, but a reader never drops them without a word. One map for every
// dialect: CloudFormation (and CDK, SAM as synthesized) and Terraform.
import type { UnmodelledResource } from './deployed';

/** The service, in the words its documentation uses, by resource type in each dialect. */
const UNMODELLED_SERVICES: Record<string, string> = {
  'AWS::MSK::Cluster': 'Amazon MSK',
  'AWS::MSK::ServerlessCluster': 'Amazon MSK',
  'AWS::MSK::Replicator': 'Amazon MSK replication',
  aws_msk_cluster: 'Amazon MSK',
  aws_msk_serverless_cluster: 'Amazon MSK',
  aws_msk_replicator: 'Amazon MSK replication',
  'AWS::OpenSearchService::Domain': 'Amazon OpenSearch Service',
  'AWS::Elasticsearch::Domain': 'Amazon OpenSearch Service',
  'AWS::OpenSearchServerless::Collection': 'Amazon OpenSearch Serverless',
  aws_opensearch_domain: 'Amazon OpenSearch Service',
  aws_elasticsearch_domain: 'Amazon OpenSearch Service',
  aws_opensearchserverless_collection: 'Amazon OpenSearch Serverless',
  'AWS::EFS::FileSystem': 'Amazon EFS',
  aws_efs_file_system: 'Amazon EFS',
  aws_efs_replication_configuration: 'Amazon EFS replication',
  'AWS::Redshift::Cluster': 'Amazon Redshift',
  aws_redshift_cluster: 'Amazon Redshift',
};

/** The service a resource type belongs to, when it holds data CAP Advisor does not model. */
export function unmodelledService(type: string): string | undefined {
  return Object.hasOwn(UNMODELLED_SERVICES, type) ? UNMODELLED_SERVICES[type] : undefined;
}

/** "MskCluster (AWS::MSK::Cluster, Amazon MSK) in infra/stream.yaml": how a draft and --verbose name one. */
export function describeUnmodelled(resource: UnmodelledResource): string {
  return `${resource.logicalId} (${resource.type}, ${resource.service}) in ${resource.file}`;
}
